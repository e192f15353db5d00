import { describe, expect, it } from 'vitest';
import { parsePromQL } from './parse.js';
import { planQuery } from './plan.js';
import { extractEnvMatchers, selectEnvs } from './env-matchers.js';

const plan = (q: string) => planQuery(parsePromQL(q), 'env');

describe('planQuery', () => {
  it('runs per env when nothing crosses envs', () => {
    expect(plan('rate(x[5m])')).toEqual({ kind: 'per-env', query: 'rate(x[5m])' });
    expect(plan('sum by (env, job) (x)').kind).toBe('per-env');
    expect(plan('sum without (job) (x)').kind).toBe('per-env');
    expect(plan('a / on(job) b').kind).toBe('per-env');
  });

  it('pushes down aggregations that drop env', () => {
    expect(plan('sum(rate(x[5m]))')).toEqual({ kind: 'aggregate', op: 'sum', queries: ['sum(rate(x[5m]))'] });
    expect(plan('avg by (job) (x)')).toEqual({
      kind: 'aggregate',
      op: 'avg',
      queries: ['sum by (job) (x)', 'count by (job) (x)'],
    });
    expect(plan('topk(3, x)')).toMatchObject({ kind: 'aggregate', op: 'topk', k: 3 });
    expect(plan('sum without (env) (x)').kind).toBe('aggregate');
  });

  it('merges histogram_quantile over sum by (le) in the gateway', () => {
    expect(plan('histogram_quantile(0.99, sum by (le) (rate(b[5m])))')).toEqual({
      kind: 'histogram_quantile',
      phi: 0.99,
      query: 'sum by (le) (rate(b[5m]))',
    });
  });

  it('combines arithmetic between federated operands in the gateway', () => {
    expect(plan('1 - sum(a) / sum(b)')).toEqual({
      kind: 'binary',
      op: '-',
      left: { kind: 'number', value: 1 },
      right: {
        kind: 'binary',
        op: '/',
        left: { kind: 'aggregate', op: 'sum', queries: ['sum(a)'] },
        right: { kind: 'aggregate', op: 'sum', queries: ['sum(b)'] },
      },
    });
    expect(plan('sum by (env) (x) / ignoring(env) group_left(job) sum(x)')).toMatchObject({
      kind: 'binary',
      matching: { on: false, labels: ['env'], group: 'left', include: ['job'] },
    });
    expect(plan('rate(x[5m]) / sum(x)')).toMatchObject({
      kind: 'binary',
      left: { kind: 'per-env', query: 'rate(x[5m])' },
    });
  });

  it('warns instead of answering per env silently', () => {
    for (const q of [
      'sum(a) > 1',
      'sum(a) and sum(b)',
      'quantile(0.5, x)',
      'absent(x)',
      'count(x) offset 5m',
    ]) {
      expect(plan(q), q).toMatchObject({
        kind: 'per-env',
        warning: expect.stringMatching(/evaluated per env/) as unknown,
      });
    }
  });
});

describe('env matchers', () => {
  it('removes matchers on the env label and selects envs with anchored regexes', () => {
    const s = extractEnvMatchers(parsePromQL('x{env=~"kr-.*", job="a"} + y{ env != "kr-vm" }'), 'env');
    expect(s.query.replace(/\s+/g, '')).toBe('x{job="a"}+y{}');
    expect(selectEnvs(['kr-vm', 'kr-k8s', 'jp-k8s'], s.matchers)).toEqual(['kr-k8s']);
  });

  it('names the field on a syntax error', () => {
    expect(() => parsePromQL('sum(x', 'expr')).toThrow(/expr: PromQL syntax error at column/);
  });
});
