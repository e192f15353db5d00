import type { Verdict } from './types.js';

export interface OverallInput {
  signal?: string;
  verdict: Verdict;
  /** Default 1. */
  weight?: number;
  critical?: boolean;
}

export interface OverallResult {
  verdict: Verdict;
  /** 0..100, weighted share of passing signals (marginal counts half); null when no signal had data. */
  score: number | null;
  reason: string;
}

const PASS_SCORE = 90;
const MARGINAL_SCORE = 70;
const CREDIT: Record<Exclude<Verdict, 'no_data'>, number> = { pass: 1, marginal: 0.5, fail: 0 };

function weightedScore(judged: readonly OverallInput[]): number | null {
  let weights = 0;
  let credit = 0;
  for (const { verdict, weight = 1 } of judged) {
    if (verdict === 'no_data') continue;
    weights += weight;
    credit += weight * CREDIT[verdict];
  }
  return weights > 0 ? (100 * credit) / weights : null;
}

function tally(verdicts: readonly OverallInput[]): string {
  const count = (v: Verdict): number => verdicts.filter((x) => x.verdict === v).length;
  return `${count('pass')} pass, ${count('marginal')} marginal, ${count('fail')} fail, ${count('no_data')} no data`;
}

function byScore(score: number): Verdict {
  return score >= PASS_SCORE ? 'pass' : score >= MARGINAL_SCORE ? 'marginal' : 'fail';
}

/**
 * Combines signal verdicts: a critical fail fails the whole; a critical marginal caps it at marginal;
 * otherwise the weighted score decides (>= 90 pass, >= 70 marginal, below fail if any signal failed).
 */
export function overall(verdicts: readonly OverallInput[]): OverallResult {
  const score = weightedScore(verdicts);
  const counts = tally(verdicts);
  const criticalFails = verdicts
    .map((v, i) => ({ ...v, name: v.signal ?? `signal #${i + 1}` }))
    .filter((v) => v.critical === true && v.verdict === 'fail');
  if (criticalFails.length > 0) {
    const names = criticalFails.map((v) => v.name).join(', ');
    const scoreText = score === null ? '' : `; score ${Math.round(score)}`;
    return { verdict: 'fail', score, reason: `critical signal failed: ${names}${scoreText} (${counts})` };
  }
  if (score === null) return { verdict: 'no_data', score, reason: `no signal had enough data (${counts})` };
  // Marginal signals alone never fail the whole: a fail needs at least one failed signal.
  const anyFail = verdicts.some((v) => v.verdict === 'fail');
  const byScoreVerdict = byScore(score) === 'fail' && !anyFail ? 'marginal' : byScore(score);
  // A critical signal in doubt (e.g. an error ratio possibly worse on too few requests) is never a pass.
  const doubt = verdicts.find((v) => v.critical === true && v.verdict === 'marginal');
  if (byScoreVerdict === 'pass' && doubt) {
    const name = doubt.signal ?? 'a critical signal';
    return {
      verdict: 'marginal',
      score,
      reason: `critical signal in doubt: ${name}; score ${Math.round(score)} (${counts})`,
    };
  }
  return { verdict: byScoreVerdict, score, reason: `score ${Math.round(score)} (${counts})` };
}
