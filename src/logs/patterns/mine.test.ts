import { describe, expect, it } from 'vitest';
import { minePatterns, newPatterns } from './mine.js';
import type { LogLine } from './types.js';

const T0 = Date.UTC(2025, 0, 1);

function line(message: string, env: string, offsetMs: number, traceId?: string): LogLine {
  return traceId === undefined
    ? { message, env, time: T0 + offsetMs }
    : { message, env, time: T0 + offsetMs, traceId };
}

function usualTraffic(env: string, seed: number): LogLine[] {
  const lines: LogLine[] = [];
  for (let i = 0; i < 20; i++) {
    const n = seed + i;
    lines.push(line(`request GET /api/orders/${n} status=200 took ${n % 90} ms`, env, n * 1000));
    lines.push(line(`health check ok in ${n % 7} ms`, env, n * 1000 + 1));
    lines.push(line(`slow query on table orders took ${n * 13} ms rows=${n}`, env, n * 1000 + 2));
  }
  return lines;
}

function redisTimeouts(): LogLine[] {
  return [
    line('redis timeout after 250 ms key=session:abc123', 'kr-k8s', 5_000, 'trace-a'),
    line('redis timeout after 300 ms key=session:def456', 'kr-k8s', 9_000, 'trace-b'),
    line('redis timeout after 250 ms key=session:abc789', 'kr-k8s', 7_000, 'trace-a'),
  ];
}

describe('minePatterns', () => {
  it('mines templates with per-env counts, time range, example and trace ids', () => {
    const lines = [
      line('connected to db in 12 ms', 'kr-vm', 2_000, 't1'),
      line('connected to db in 7 ms', 'kr-k8s', 1_000, 't2'),
      line('connected to db in 9 ms', 'kr-k8s', 3_000, 't1'),
      line('shutting down', 'kr-vm', 4_000),
    ];
    const [first, second, ...rest] = minePatterns(lines, { maxTraceIds: 5 });
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      template: 'connected to db in <*> ms',
      count: 3,
      countByEnv: { 'kr-vm': 1, 'kr-k8s': 2 },
      firstSeen: T0 + 1_000,
      lastSeen: T0 + 3_000,
      example: 'connected to db in 12 ms',
      traceIds: ['t1', 't2'],
    });
    expect(second).toMatchObject({ template: 'shutting down', count: 1, traceIds: [] });
  });

  it('caps trace ids at maxTraceIds', () => {
    const lines = [1, 2, 3].map((n) => line(`tick ${n}`, 'kr-vm', n, `trace-${n}`));
    expect(minePatterns(lines, { maxTraceIds: 2 })[0]?.traceIds).toEqual(['trace-1', 'trace-2']);
  });

  it('is deterministic: same input, same ids and templates', () => {
    const lines = [...usualTraffic('kr-vm', 1), ...redisTimeouts()];
    const ids = (): string[] => minePatterns(lines).map((p) => `${p.id} ${p.template} ${p.count}`);
    expect(ids()).toEqual(ids());
  });
});

describe('newPatterns', () => {
  const baseline = usualTraffic('kr-vm', 1);
  const candidate = [...usualTraffic('kr-k8s', 500), ...redisTimeouts()];

  it('reports exactly the candidate pattern that the baseline lacks', () => {
    const result = newPatterns({ baseline, candidate });
    expect(result.newPatterns).toHaveLength(1);
    const [redis] = result.newPatterns;
    expect(redis?.template.startsWith('redis timeout after <*> ms')).toBe(true);
    expect(redis).toMatchObject({
      count: 3,
      countByEnv: { 'kr-k8s': 3 },
      firstSeen: T0 + 5_000,
      lastSeen: T0 + 9_000,
      example: 'redis timeout after 250 ms key=session:abc123',
      traceIds: ['trace-a', 'trace-b'],
    });
  });

  it('reports baseline kinds as known, with candidate and baseline counts', () => {
    const { known } = newPatterns({ baseline, candidate });
    expect(known.map((k) => [k.template, k.count, k.baselineCount, k.countByEnv])).toEqual([
      ['request GET /api/orders/<*> status= <*> took <*> ms', 20, 20, { 'kr-k8s': 20 }],
      ['health check ok in <*> ms', 20, 20, { 'kr-k8s': 20 }],
      ['slow query on table orders took <*> ms rows= <*>', 20, 20, { 'kr-k8s': 20 }],
    ]);
  });

  it('does not report a baseline pattern with other numbers as new', () => {
    const result = newPatterns({
      baseline,
      candidate: [line('slow query on table orders took 98765 ms rows=1', 'kr-k8s', 0)],
    });
    expect(result.newPatterns).toEqual([]);
    expect(result.known[0]?.template).toBe('slow query on table orders took <*> ms rows= <*>');
  });

  it('groups several new candidate lines by their own template', () => {
    const { newPatterns: fresh } = newPatterns({
      baseline,
      candidate: [
        line('feature flag beta enabled', 'kr-k8s', 0),
        line('feature flag gamma enabled', 'kr-k8s', 1),
      ],
    });
    expect(fresh.map((p) => [p.template, p.count])).toEqual([['feature flag <*> enabled', 2]]);
  });
});
