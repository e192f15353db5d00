import { describe, expect, it } from 'vitest';
import { joinRawSeries, rawResult, rawSeries } from './raw.js';

describe('rawResult (the text path)', () => {
  it('takes a vector or matrix body as Prometheus writes it', () => {
    const m =
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[1,"2"],[2,"3"]]},{"metric":{},"values":[]}]}}';
    expect(rawResult(m)).toEqual({
      raw: true,
      resultType: 'matrix',
      result: m.slice(m.indexOf('"result":') + 9, -2),
    });
    expect(rawResult('{"status":"success","data":{"resultType":"vector","result":[]}}\n')?.result).toBe('[]');
  });

  it('leaves everything else to the parsed path', () => {
    for (const body of [
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["x"]]}]}}',
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":1}]}}',
      '{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}',
      // a native histogram series: its samples marker is not the next series' one
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"histograms":[[1,{"count":"1"}]]},{"metric":{},"values":[[1,"2"]]}]}}',
      '{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w"]}',
      '{"status":"error","errorType":"bad_data","error":"x"}',
    ])
      expect(rawResult(body)).toBeUndefined();
  });
});

describe('rawSeries / joinRawSeries', () => {
  const s1 = '{"metric":{"a":"1"},"values":[[1,"2"]]}';
  it('splits a result into series texts keyed by metric, and joins them back', () => {
    const m =
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"x},\\"values\\":["},"values":[[1,"2"]]},{"metric":{},"values":[]}]}}';
    const raw = rawResult(m);
    if (!raw) throw new Error('expected the text path');
    const series = rawSeries(raw) ?? new Map<string, string>();
    expect([...series.keys()]).toEqual(['{"metric":{"a":"x},\\"values\\":["}', '{"metric":{}']);
    expect([...series.values()]).toEqual([
      '{"metric":{"a":"x},\\"values\\":["},"values":[[1,"2"]]}',
      '{"metric":{},"values":[]}',
    ]);
    expect(joinRawSeries('matrix', [...series.values()])).toEqual(raw);
    const v = rawResult(
      '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"b":"1"},"value":[1,"3"]}]}}',
    );
    expect(v && [...(rawSeries(v)?.keys() ?? [])]).toEqual(['{"metric":{"b":"1"}']);
    // A layout it does not know is left to the parsed path.
    expect(rawSeries({ raw: true, resultType: 'matrix', result: `[${s1},${s1}]` })).toBeUndefined();
    expect(rawSeries({ raw: true, resultType: 'vector', result: `[${s1}]` })).toBeUndefined();
  });
});
