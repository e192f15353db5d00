import { describe, expect, it } from 'vitest';
import type { RawQueryResult } from '../../backends/prometheus/index.js';
import { labelKey } from '../../series/index.js';
import { splitAnswers } from './agreeing.js';

const raw = (...series: string[]): RawQueryResult => ({
  raw: true,
  resultType: 'matrix',
  result: `[${series.join(',')}]`,
});
const s = (job: string, values: string) => `{"metric":{"job":"${job}"},"values":[${values}]}`;
const tagged = (...answers: RawQueryResult[]) => answers.map((answer, tag) => ({ tag, answer }));
const keysOf = (m: ReadonlyMap<string, unknown>) => [...m.keys()];

describe('splitAnswers', () => {
  it('splits the series every replica wrote alike from those that differ or one lacks', () => {
    const a = raw(s('x', '[1,"1"]'), s('y', '[1,"2"]'), s('z', '[1,"5"]'));
    const b = raw(s('y', '[1,"2"]'), s('x', '[1,"9"]'));
    const split = splitAnswers(tagged(a, b), 'matrix');
    expect(split.agreed).toEqual([s('y', '[1,"2"]')]);
    expect(split.rest.map((r) => r.tag)).toEqual([0, 1]);
    expect(split.rest.map((r) => keysOf(r.series))).toEqual([
      [labelKey({ job: 'x' }), labelKey({ job: 'z' })],
      [labelKey({ job: 'x' })],
    ]);
    expect(split.rest[1]?.series.get(labelKey({ job: 'x' }))?.times).toEqual(Float64Array.of(1000));
    expect(split.dropped).toBe(0);
  });

  it('leaves out an answer not as Prometheus writes it, and counts it', () => {
    const a = raw(s('x', '[1,"1"]'));
    const repeated = raw(s('x', '[1,"1"]'), s('x', '[2,"1"]'));
    const malformed = raw(s('x', '[1,"1"],[1,"2"]'));
    const vector: RawQueryResult = { raw: true, resultType: 'vector', result: '[]' };
    const split = splitAnswers(tagged(a, repeated, malformed, vector), 'matrix');
    expect(split.rest.map((r) => r.tag)).toEqual([0]);
    expect(split.dropped).toBe(3);
  });
});
