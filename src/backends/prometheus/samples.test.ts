import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexSeries } from './samples.js';

// Times as Prometheus writes them: unix seconds with up to 3 decimals; some spelt otherwise.
const time = fc.oneof(
  fc.integer({ min: 0, max: 4e12 }).map((ms) => ({ ms, text: String(ms / 1000) })),
  fc.integer({ min: -1e6, max: 1e6 }).map((ms) => ({ ms, text: String(ms / 1000) })),
  fc.integer({ min: 1, max: 9 }).map((d) => ({ ms: d * 1e12, text: `${d}e9` })),
);
const value = fc.constantFrom('1', '0.5', 'NaN', '+Inf', '-Inf', '1e+06', '-2.25');
const labels = fc.dictionary(fc.constantFrom('__name__', 'job', 'i'), fc.string(), { maxKeys: 3 });

describe('indexSeries', () => {
  it('finds every sample of a series as Prometheus writes it: its time and its own text', () => {
    const series = fc.record({
      labels,
      samples: fc.uniqueArray(fc.record({ t: time, v: value }), { selector: (s) => s.t.ms, maxLength: 8 }),
    });
    fc.assert(
      fc.property(series, fc.boolean(), ({ labels: l, samples }, vector) => {
        const sorted = [...samples].sort((a, b) => a.t.ms - b.t.ms).slice(0, vector ? 1 : undefined);
        if (vector && sorted.length === 0) return;
        const texts = sorted.map((s) => `[${s.t.text},"${s.v}"]`);
        const body = vector ? `"value":${texts[0] as string}` : `"values":[${texts.join(',')}]`;
        const text = `{"metric":${JSON.stringify(l)},${body}}`;
        const got = indexSeries(text, vector ? 'vector' : 'matrix');
        expect(got?.labels).toEqual(l);
        expect(got?.metric).toBe(`{"metric":${JSON.stringify(l)}`);
        expect([...(got?.times ?? [])]).toEqual(sorted.map((s) => s.t.ms));
        const slices = texts.map((_, i) => text.slice(got?.bounds[2 * i], got?.bounds[2 * i + 1]));
        expect(slices).toEqual(texts);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what Prometheus does not write', () => {
    for (const text of [
      '{"metric":{"a":1},"values":[[1,"1"]]}',
      '{"metric":{},"values":[[2,"1"],[1,"1"]]}',
      '{"metric":{},"values":[[1,"1"],[1,"1"]]}',
      '{"metric":{},"values":[[1,1]]}',
      '{"metric":{},"values":[["1","1"]]}',
      '{"metric":{},"values":[[1,"1"]],"histograms":[]}',
      '{"metric":{},"values":[[1,"1"],]}',
      '{"metric":{},"values":[[x,"1"]]}',
      '{"metric":{},"values":[[1,"1"]}',
    ])
      expect(indexSeries(text, 'matrix'), text).toBeUndefined();
    expect(indexSeries('{"metric":{},"value":[1,"1"],"x":1}', 'vector')).toBeUndefined();
    expect(indexSeries('{"metric":{},"values":[]}', 'matrix')?.times).toEqual(new Float64Array());
  });
});
