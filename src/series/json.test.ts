import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { injectEnvLabel } from './json.js';

type Raw = { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] };

const labelName = fc.constantFrom('__name__', 'instance', 'job', 'env', 'exported_env', 'a_b');
// Values that look like structure: quotes, braces and the markers themselves.
const labelValue = fc.oneof(
  fc.string(),
  fc.constantFrom('}', '{"metric":{', '},"values":[', '"env":"x"', 'env', '\\'),
);
const sample = fc.tuple(fc.integer({ min: 0, max: 2e9 }), fc.constantFrom('1', 'NaN', '+Inf', '0.5'));
const series = (kind: 'values' | 'value') =>
  fc
    .record({ metric: fc.dictionary(labelName, labelValue, { maxKeys: 4 }) })
    .chain((s) =>
      kind === 'values'
        ? fc.array(sample, { maxLength: 3 }).map((values): Raw => ({ ...s, values }))
        : sample.map((value): Raw => ({ ...s, value })),
    );
const result = fc.oneof(
  fc.array(series('values'), { maxLength: 5 }),
  fc.array(series('value'), { maxLength: 5 }),
);

/** The rule: every series gets env=<env>; an env label it had moves to exported_env. */
function slowRule(rows: Raw[], env: string): Raw[] {
  return rows.map((r) => {
    const { env: had, ...rest } = r.metric;
    const metric = had === undefined ? { env, ...rest } : { ...rest, exported_env: had, env };
    return { ...r, metric };
  });
}

const sorted = (rows: Raw[]) =>
  rows.map((r) => ({ ...r, metric: Object.fromEntries(Object.entries(r.metric).sort()) }));

describe('injectEnvLabel', () => {
  it('labels every series as the parsed rule does, whatever the label values hold', () => {
    fc.assert(
      fc.property(result, fc.constantFrom('env1', 'k"r', 'a\\b'), (rows, env) => {
        const got = JSON.parse(injectEnvLabel(JSON.stringify(rows), 'env', env)) as Raw[];
        expect(sorted(got)).toEqual(sorted(slowRule(rows, env)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the label first and keeps the rest of the text as Prometheus wrote it', () => {
    const text = '[{"metric":{},"value":[1,"2"]},{"metric":{"a":"}"},"values":[[1,"NaN"]]}]';
    expect(injectEnvLabel(text, 'env', 'k8s')).toBe(
      '[{"metric":{"env":"k8s"},"value":[1,"2"]},{"metric":{"env":"k8s","a":"}"},"values":[[1,"NaN"]]}]',
    );
    expect(injectEnvLabel('[]', 'env', 'k8s')).toBe('[]');
  });
});
