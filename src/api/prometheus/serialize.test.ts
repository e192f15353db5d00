import { describe, expect, it } from 'vitest';
import { formatQueryData, success } from './format.js';
import { querySuccessBody, querySuccessResponse, serializeQuerySuccess } from './serialize.js';
import type { QueryData } from '../../series/index.js';

const matrix: QueryData = {
  type: 'matrix',
  series: [
    {
      labels: { __name__: 'x', env: 'kr-vm', q: 'a"b\\c' },
      points: [
        { t: 1_700_000_000_123, v: 1.5 },
        { t: 1_700_000_015_000, v: NaN },
      ],
    },
    {
      labels: {},
      points: [
        { t: 1_700_000_000_000, v: Infinity },
        { t: 1_700_000_015_000, v: -Infinity },
        { t: 1_700_000_030_000, v: 1e-7 },
      ],
    },
  ],
};

describe('serializeQuerySuccess', () => {
  it('writes exactly what JSON.stringify of the formatted body gives', () => {
    for (const warnings of [[], ['env kr-k8s (prometheus) failed: "quoted"']]) {
      for (const data of [
        matrix,
        { type: 'vector', series: matrix.series } as QueryData,
        { type: 'scalar', point: { t: 1000, v: 2 } } as QueryData,
      ]) {
        const text = serializeQuerySuccess(data, warnings);
        expect(JSON.parse(text)).toEqual(
          JSON.parse(JSON.stringify(success(formatQueryData(data), warnings, []))),
        );
      }
    }
  });
});

describe('querySuccessResponse', () => {
  it('streams a large result as the same bytes the string body has, sharing the encoded result', async () => {
    const result = JSON.stringify(
      Array.from({ length: 20_000 }, (_, i) => ({ metric: { i: String(i) }, value: [1, 'ü'] })),
    );
    const data = { resultType: 'vector' as const, result };
    for (const warnings of [[], ['env b failed']]) {
      const body = querySuccessResponse(data, warnings);
      expect(body).toBeInstanceOf(ReadableStream);
      expect(await new Response(body).text()).toBe(querySuccessBody(data, warnings));
      expect(JSON.parse(await new Response(querySuccessResponse(data, warnings)).text())).toMatchObject({
        status: 'success',
      });
    }
    expect(typeof querySuccessResponse({ resultType: 'vector', result: '[]' }, [])).toBe('string');
  });
});
