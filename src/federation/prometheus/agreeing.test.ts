import { describe, expect, it } from 'vitest';
import type { QueryResult, RawQueryResult } from '../../backends/prometheus/index.js';
import { agreeingSeries, withAgreeing } from './agreeing.js';
import type { Answer } from './codec.js';

const raw = (...series: string[]): RawQueryResult => ({
  raw: true,
  resultType: 'matrix',
  result: `[${series.join(',')}]`,
});
const s = (job: string, values: string) => `{"metric":{"job":"${job}"},"values":[${values}]}`;

/** A raw matrix read the slow way, for the test. */
function parse(a: Answer): QueryResult {
  if (!('raw' in a)) return a;
  const rows = JSON.parse(a.result) as Array<{ metric: Record<string, string>; values: [number, string][] }>;
  const series = rows.map((r) => ({
    labels: r.metric,
    points: r.values.map(([t, v]) => ({ t: t * 1000, v: Number(v) })),
  }));
  return { data: { type: 'matrix', series }, warnings: [] };
}

describe('agreeingSeries', () => {
  it('splits the series every replica wrote alike from those that differ or one lacks', () => {
    const a = raw(s('x', '[1,"1"]'), s('y', '[1,"2"]'), s('z', '[1,"5"]'));
    const b = raw(s('y', '[1,"2"]'), s('x', '[1,"9"]'));
    expect(agreeingSeries([a, b])).toEqual({
      resultType: 'matrix',
      agreed: [s('y', '[1,"2"]')],
      rest: [raw(s('x', '[1,"1"]'), s('z', '[1,"5"]')), raw(s('x', '[1,"9"]'))],
    });
  });

  it('is undefined when nothing agrees or an answer was parsed', () => {
    expect(agreeingSeries([raw(s('x', '[1,"1"]')), raw(s('x', '[1,"2"]'))])).toBeUndefined();
    expect(agreeingSeries([raw(s('x', '[1,"1"]')), parse(raw(s('x', '[1,"1"]')))])).toBeUndefined();
  });
});

describe('withAgreeing', () => {
  const split = { resultType: 'matrix' as const, agreed: [s('y', '[1,"2"]')], rest: [] };
  const merged: QueryResult = parse(raw(s('x', '[1,"9"]')));

  it('puts the agreeing series back as text beside the merged ones', () => {
    expect(withAgreeing(merged, split, parse)).toEqual(raw(s('y', '[1,"2"]'), s('x', '[1,"9"]')));
  });

  it('parses them when the merge carries warnings (text answers carry none)', () => {
    const warned = { ...merged, warnings: ['w'] };
    expect(withAgreeing(warned, split, parse)).toEqual({
      data: {
        type: 'matrix',
        series: [
          { labels: { job: 'y' }, points: [{ t: 1000, v: 2 }] },
          { labels: { job: 'x' }, points: [{ t: 1000, v: 9 }] },
        ],
      },
      warnings: ['w'],
    });
  });
});
