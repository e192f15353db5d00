import type { Expected, Truth } from './scenarios/index.js';

/** What compare answered for one labelled scenario, next to its truth. */
export interface Outcome {
  truth: Truth;
  /** The overall verdict, or ERROR when the query failed. */
  got: Expected | 'ERROR';
  /** Whether the truth's culprit (signal, operation, pattern) was named; null when the truth has none. */
  culpritNamed: boolean | null;
  topCulprit: string;
  reason: string;
}

const CLASSES: readonly Expected[] = ['PASS', 'MARGINAL', 'FAIL', 'NO_DATA'];
const GOT: readonly (Expected | 'ERROR')[] = [...CLASSES, 'ERROR'];
/** Classes where the candidate is no worse: a FAIL there is a false alarm. */
const NO_REGRESSION = new Set(['control', 'split', 'improvement']);

export const accepted = (t: Truth): Expected[] => [t.expected, ...(t.acceptable ?? [])];
const correct = (o: Outcome): boolean => o.got !== 'ERROR' && accepted(o.truth).includes(o.got);
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function matrix(outcomes: readonly Outcome[]): string[] {
  const rows = CLASSES.map((expected) => {
    const mine = outcomes.filter((o) => o.truth.expected === expected);
    const counts = GOT.map((g) => mine.filter((o) => o.got === g).length);
    const ok = mine.filter(correct).length;
    return `| ${expected} | ${counts.join(' | ')} | ${ok}/${mine.length} (${pct(ok, mine.length)}) |`;
  });
  return [
    '| expected \\ got | ' + GOT.join(' | ') + ' | recall (incl. acceptable) |',
    '|' + ' --- |'.repeat(GOT.length + 2),
    ...rows,
  ];
}

function summary(outcomes: readonly Outcome[]): string[] {
  const quiet = outcomes.filter((o) => NO_REGRESSION.has(o.truth.class));
  const alarms = quiet.filter((o) => o.got === 'FAIL');
  const marginal = quiet.filter((o) => o.got === 'MARGINAL');
  const noData = outcomes.filter((o) => o.truth.expected === 'NO_DATA');
  const withCulprit = outcomes.filter((o) => o.culpritNamed !== null);
  const named = withCulprit.filter((o) => o.culpritNamed === true);
  const right = outcomes.filter(correct);
  return [
    `- scenarios judged right: ${right.length}/${outcomes.length}`,
    `- false alarms (FAIL) on controls, splits, improvements: ${alarms.length}/${quiet.length}` +
      (alarms.length ? ` (${alarms.map((o) => o.truth.name).join(', ')})` : ''),
    `- MARGINAL on controls, splits, improvements: ${marginal.length}/${quiet.length}`,
    `- NO_DATA correct: ${noData.filter((o) => o.got === 'NO_DATA').length}/${noData.length}`,
    `- culprit named (signal, and operation or pattern where the truth has one): ${named.length}/${withCulprit.length}`,
  ];
}

function perScenario(outcomes: readonly Outcome[]): string[] {
  const culprit = (o: Outcome): string => {
    const c = o.truth.culprit;
    if (!c) return '';
    return [c.signal, c.operation, c.pattern].filter(Boolean).join(' / ');
  };
  const named = (o: Outcome): string => (o.culpritNamed === null ? '' : o.culpritNamed ? 'yes' : 'NO');
  return [
    '| scenario | class | expected | got | ok | truth culprit | named | top culprit / reason |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...outcomes.map(
      (o) =>
        `| ${o.truth.name} | ${o.truth.class} | ${accepted(o.truth).join(' or ')} | ${o.got} | ` +
        `${correct(o) ? 'ok' : 'MISS'} | ${cell(culprit(o))} | ${named(o)} | ` +
        `${cell((o.topCulprit || o.reason).slice(0, 140))} |`,
    ),
  ];
}

/** The confusion table, the headline figures and one row per scenario, as Markdown. */
export function confusionReport(outcomes: readonly Outcome[]): string {
  return [
    '# compare on the labelled scenario set',
    '',
    ...matrix(outcomes),
    '',
    ...summary(outcomes),
    '',
    ...perScenario(outcomes),
    '',
  ].join('\n');
}
