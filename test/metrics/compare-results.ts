import { expect } from 'vitest';

export interface PromBody {
  status: string;
  data?: {
    resultType: string;
    result: Array<{ metric: Record<string, string>; values?: [number, string][]; value?: [number, string] }>;
  };
  warnings?: string[];
  errorType?: string;
  error?: string;
}

const key = (m: Record<string, string>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');

/** series key -> [t, value] pairs, so two answers can be compared independent of order. */
export function bySeries(body: PromBody): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const r of body.data?.result ?? []) {
    const values = r.values ?? (r.value ? [r.value] : []);
    out.set(
      key(r.metric),
      values.map(([t, v]) => [t, Number(v)]),
    );
  }
  return out;
}

/** Same series, same timestamps, values equal up to float summation order. */
export function expectSameAnswer(actual: PromBody, reference: PromBody, label: string): void {
  const a = bySeries(actual);
  const r = bySeries(reference);
  expect([...a.keys()].sort(), `${label}: series`).toEqual([...r.keys()].sort());
  expect(r.size, `${label}: reference has data`).toBeGreaterThan(0);
  for (const [k, points] of r) {
    const got = a.get(k) ?? [];
    expect(
      got.map((p) => p[0]),
      `${label}: timestamps of ${k}`,
    ).toEqual(points.map((p) => p[0]));
    points.forEach(([, v], i) => {
      const g = got[i]?.[1] ?? NaN;
      if (Number.isNaN(v)) expect(g, `${label} ${k}`).toBeNaN();
      else
        expect(Math.abs(g - v), `${label}: ${k} @${points[i]?.[0]}: ${g} vs ${v}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(v)),
        );
    });
  }
}
