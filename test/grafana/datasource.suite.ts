import { expect, it } from 'vitest';
import { SCENARIOS } from '../compare/scenarios.js';
import { SCENARIOS as LABELLED, storedTraces } from '../compare/scenarios/index.js';
import { field, settingsOf, type Frame, type PluginWorld } from './world.js';

const LAT = { service: 'lat-api', baseline: ['kr-vm'], candidate: ['kr-k8s'] };
const UNITS = { LATENCY_P50: 'ms', REQUEST_RATE: 'reqps', ERROR_RATIO: 'percentunit' } as const;

const values = (f: Frame, name: string) => field(f, name).values;
const rows = (f: Frame | undefined): Array<Record<string, unknown>> =>
  Array.from({ length: f?.length ?? 0 }, (_, i) =>
    Object.fromEntries((f?.fields ?? []).map((x) => [x.name, x.values[i]])),
  );
const notices = (f: Frame | undefined) => (f?.meta?.notices ?? []).map((n) => n.text);

/** The same PromQL straight to one env's Prometheus, at the frame's timestamps. */
async function direct(promUrl: string, query: string, times: number[]): Promise<Array<[number, number]>> {
  const [first, second] = times;
  const last = times.at(-1);
  if (first === undefined || second === undefined || last === undefined) throw new Error('too few points');
  const body = new URLSearchParams({
    query,
    start: String(first / 1000),
    end: String(last / 1000),
    step: String((second - first) / 1000),
  });
  const res = await fetch(`${promUrl}/api/v1/query_range`, { method: 'POST', body });
  const json = (await res.json()) as { data: { result: Array<{ values: Array<[number, string]> }> } };
  return (json.data.result[0]?.values ?? []).map(([t, v]) => [t * 1000, Number(v)]);
}

export function datasourceSuite(ctx: { w: PluginWorld }) {
  it('signals: a time series frame per env and signal, env label, unit, the exact values Prometheus gives', async () => {
    const frames = await ctx.w.query([
      {
        refId: 'A',
        queryType: 'signals',
        service: 'lat-api',
        signals: ['LATENCY_P50', 'REQUEST_RATE', 'ERROR_RATIO'],
      },
    ]);
    expect(frames.map((f) => f.name).sort()).toEqual([
      'ERROR_RATIO kr-k8s',
      'ERROR_RATIO kr-vm',
      'LATENCY_P50 kr-k8s',
      'LATENCY_P50 kr-vm',
      'REQUEST_RATE kr-k8s',
      'REQUEST_RATE kr-vm',
    ]);
    for (const f of frames) {
      const [time, value] = f.fields;
      const signal = value?.labels?.signal as keyof typeof UNITS;
      const env = value?.labels?.env as 'kr-vm' | 'kr-k8s';
      expect(f.refId).toBe('A');
      expect(f.meta?.preferredVisualisationType).toBe('graph');
      expect([time?.type, value?.type]).toEqual(['time', 'number']);
      expect(value?.config.unit).toBe(UNITS[signal]);
      expect(f.length).toBe(61);
      // Every env's own template ran: the query it names gives the same numbers from its Prometheus.
      const prom = ctx.w.world.prometheus[env === 'kr-vm' ? 'vm' : 'k8s'].url;
      const times = time?.values as number[];
      const expected = await direct(prom, f.meta?.executedQueryString ?? '', times);
      expect(times.map((t, i) => [t, value?.values[i]])).toEqual(expected);
    }
    // Latency per env: 30 ms median on both (lat-api's profile is +5 ms in kr-k8s).
    const p50 = (env: string) => {
      const f = frames.find((x) => x.name === `LATENCY_P50 ${env}`);
      const v = (f ? values(f, 'Value') : []) as number[];
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    expect(p50('kr-k8s') - p50('kr-vm')).toBeGreaterThan(2);
    // No env filter: kr-down (unreachable) is a notice on the healthy envs' frames, not a failed panel.
    expect(notices(frames[0]).join()).toMatch(/kr-down prometheus: BACKEND_UNREACHABLE/);
  });

  it('interpolates $service and a multi-value $env in every field', async () => {
    const frames = await ctx.w.query(
      [{ refId: 'B', queryType: 'signals', service: '$service', envs: ['$env'], signals: ['$signal'] }],
      { service: 'err-api', env: ['kr-vm', 'kr-k8s'], signal: 'REQUEST_RATE' },
    );
    expect(frames.map((f) => f.name).sort()).toEqual(['REQUEST_RATE kr-k8s', 'REQUEST_RATE kr-vm']);
    expect(frames.every((f) => notices(f).length === 0)).toBe(true);
    expect(field(frames[0], 'Value').config.unit).toBe('reqps');
    // The same interpolation for Explore and query export.
    const resolved = await ctx.w.page.evaluate(() =>
      window.parallax.interpolate([
        {
          refId: 'A',
          queryType: 'compare',
          service: '$service',
          baseline: ['$env'],
          candidate: ['jp-k8s'],
          text: '$signal',
        },
      ]),
    );
    expect(resolved[0]).toMatchObject({
      service: 'err-api',
      baseline: ['kr-vm', 'kr-k8s'],
      candidate: ['jp-k8s'],
      text: 'REQUEST_RATE',
    });
  });

  it('per-env failure: the healthy env draws, the failed one is a warning notice naming env and backend', async () => {
    const frames = await ctx.w.query([
      {
        refId: 'A',
        queryType: 'signals',
        service: 'lat-api',
        envs: ['kr-vm', 'kr-down'],
        signals: ['REQUEST_RATE'],
      },
    ]);
    expect(frames.map((f) => f.fields[1]?.labels?.env)).toEqual(['kr-vm']);
    expect(frames[0]?.meta?.notices).toEqual([
      {
        severity: 'warning',
        text: expect.stringMatching(/^kr-down prometheus: BACKEND_UNREACHABLE: /) as unknown,
      },
    ]);
    // Every env failed: the gateway's ALL_ENVS_FAILED fails the panel, naming the env and its error.
    await expect(
      ctx.w.query([{ refId: 'Z', queryType: 'signals', service: 'lat-api', envs: ['kr-down'] }]),
    ).rejects.toThrow(/ALL_ENVS_FAILED.*kr-down/);
  });

  it('compare: verdict, per-signal verdicts and reasons, culprits (with $baseline / $candidate)', async () => {
    const frames = await ctx.w.query(
      [
        {
          refId: 'C',
          queryType: 'compare',
          service: '$service',
          baseline: ['$baseline'],
          candidate: ['$candidate'],
        },
      ],
      { service: 'lat-api', baseline: 'kr-vm', candidate: 'kr-k8s' },
    );
    expect(frames.map((f) => f.name)).toEqual(['verdict', 'signals', 'culprits']);
    expect(frames.every((f) => f.meta?.preferredVisualisationType === 'table')).toBe(true);
    const [verdict, signals, culprits] = frames;
    expect(rows(verdict)[0]).toMatchObject({ verdict: 'FAIL', missing: '' });
    expect(field(verdict, 'score').type).toBe('number');
    const bySignal = Object.fromEntries(rows(signals).map((r) => [String(r.signal), r]));
    expect(bySignal.LATENCY_P50).toMatchObject({ verdict: 'FAIL', critical: expect.any(Boolean) as unknown });
    expect(bySignal.ERROR_RATIO?.verdict).toBe('PASS');
    expect(String(bySignal.LATENCY_P50?.reason)).toMatch(/p50 latency \+\d/);
    expect(rows(culprits)[0]).toMatchObject({ rank: 1, env: 'kr-k8s', verdict: 'FAIL' });
    expect(String(rows(culprits)[0]?.summary)).toContain('redis GET');
    const ctl = await ctx.w.query([
      { refId: 'C', queryType: 'compare', part: 'verdict', ...LAT, service: 'ctl-api' },
    ]);
    expect(ctl.map((f) => f.name)).toEqual(['verdict']);
    expect(rows(ctl[0])[0]?.verdict).toBe('PASS');
  });

  it('operations: per-operation table with ms and percent units; the slow span is SELECT orders (+25 ms)', async () => {
    const [ops] = await ctx.w.query([{ refId: 'O', queryType: 'operations', ...LAT, service: 'op-api' }]);
    expect(ops?.name).toBe('operations');
    expect(field(ops, 'Δ p50').config.unit).toBe('ms');
    expect(field(ops, 'candidate errors').config.unit).toBe('percentunit');
    const select = rows(ops).find((r) => r.operation === 'SELECT orders');
    expect(select).toMatchObject({ kind: 'CLIENT', 'baseline count': 200, 'candidate count': 200 });
    expect(Number(select?.['Δ p50'])).toBeGreaterThan(20);
    expect(Number(select?.['Δ p50'])).toBeLessThan(30);
  });

  it('log patterns: the new pattern with count, example, first/last seen times and trace ids', async () => {
    const [patterns] = await ctx.w.query([
      { refId: 'L', queryType: 'logPatterns', ...LAT, service: 'err-api' },
    ]);
    const redis = rows(patterns).find((r) => r.pattern === 'redis timeout after <*> ms');
    expect(redis).toMatchObject({ change: 'new', count: 400, 'baseline count': 0 });
    expect(String(redis?.example)).toMatch(/^redis timeout after \d+ ms$/);
    expect(field(patterns, 'first seen').type).toBe('time');
    expect(typeof redis?.['trace ids']).toBe('string');
    expect(Number(redis?.['first seen'])).toBeLessThanOrEqual(Number(redis?.['last seen']));
  });

  it('migration table: TPS per env follows the 90/10 split, units reqps and percentunit', async () => {
    const [table] = await ctx.w.query([
      { refId: 'M', queryType: 'migration', ...LAT, service: SCENARIOS.split1090.service },
    ]);
    const byEnv = Object.fromEntries(rows(table).map((r) => [String(r.env), r]));
    expect(Number(byEnv['kr-vm']?.['avg TPS'])).toBeCloseTo(90, 0);
    expect(Number(byEnv['kr-k8s']?.['avg TPS'])).toBeCloseTo(10, 0);
    expect(byEnv['kr-vm']?.side).toBe('baseline');
    expect(field(table, 'avg TPS').config.unit).toBe('reqps');
    expect(field(table, 'fail rate').config.unit).toBe('percentunit');
    expect(field(table, 'p99').config.unit).toBe('ms');
  });

  it('verdicts: failed windows as annotation rows (time, timeEnd, title, text, tags)', async () => {
    const [failing] = await ctx.w.query([{ refId: 'V', queryType: 'verdicts', ...LAT, windows: 2 }]);
    expect(failing?.fields.map((f) => f.name)).toEqual([
      'time',
      'timeEnd',
      'title',
      'text',
      'verdict',
      'score',
      'tags',
    ]);
    expect(rows(failing).map((r) => r.verdict)).toEqual(['FAIL', 'FAIL']);
    expect(rows(failing)[0]).toMatchObject({ title: 'lat-api: FAIL', tags: ['parallax', 'lat-api', 'fail'] });
    const [t0, t1] = values(failing as Frame, 'time') as number[];
    expect(Number(t1) - Number(t0)).toBe(30 * 60_000);
    const [quiet] = await ctx.w.query([
      { refId: 'V', queryType: 'verdicts', ...LAT, service: 'ctl-api', windows: 2 },
    ]);
    expect(rows(quiet).map((r) => r.verdict)).toEqual(['PASS']);
  });

  it('traces: slowest first across envs, then one trace in the trace view layout', async () => {
    const [list] = await ctx.w.query([
      { refId: 'T', queryType: 'traces', service: 'err-api', limit: 5, order: 'SLOWEST' },
    ]);
    expect(list?.length).toBe(5);
    const durations = values(list as Frame, 'duration') as number[];
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(field(list, 'duration').config.unit).toBe('ms');
    expect(field(list, 'start').type).toBe('time');
    const id = String(values(list as Frame, 'traceID')[0]);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [trace] = await ctx.w.query([{ refId: 'T', queryType: 'traces', service: 'err-api', traceId: id }]);
    expect(trace?.meta?.preferredVisualisationType).toBe('trace');
    expect(trace?.length).toBe(3);
    expect(new Set(values(trace as Frame, 'operationName'))).toEqual(
      new Set(['GET /err-api', 'redis GET', 'SELECT orders']),
    );
    expect(values(trace as Frame, 'serviceTags')[0]).toContainEqual({
      key: 'env',
      value: String(values(list as Frame, 'env')[0]),
    });
  });

  it('logs: one logs frame per env, labelled, newest first; the redis errors exist only in kr-k8s', async () => {
    const frames = await ctx.w.query([
      { refId: 'G', queryType: 'logs', service: 'err-api', levels: ['error'], text: 'redis', limit: 50 },
    ]);
    expect(frames.map((f) => f.name)).toEqual(['logs kr-k8s']);
    const [logs] = frames;
    expect(logs?.meta?.preferredVisualisationType).toBe('logs');
    expect(field(logs, 'body').labels).toEqual({ env: 'kr-k8s' });
    expect(logs?.length).toBe(50);
    expect(
      (values(logs as Frame, 'body') as string[]).every((m) => /^redis timeout after \d+ ms$/.test(m)),
    ).toBe(true);
    const times = values(logs as Frame, 'timestamp') as number[];
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(values(logs as Frame, 'severity'))).toEqual(new Set(['error']));
  });

  it('bad input fails the panel with the GraphQL error naming the field', async () => {
    const bad = ctx.w.query([
      { refId: 'X', queryType: 'compare', service: 'lat-api', baseline: ['kr-vm'], candidate: ['kr-vm'] },
    ]);
    await expect(bad).rejects.toThrow(/BAD_INPUT: .*candidate|candidate.*BAD_INPUT/);
  });

  it('template variable queries: envs, envs by label, services, signals', async () => {
    expect(await ctx.w.metricFind('envs')).toEqual(['kr-vm', 'kr-k8s', 'kr-down']);
    expect(await ctx.w.metricFind('envs(role=old)')).toEqual(['kr-vm']);
    expect(await ctx.w.metricFind('envs(role=new)')).toEqual(['kr-k8s']);
    const services = await ctx.w.metricFind('services');
    // Every service with spans in either env's Jaeger: the classic scenarios and the labelled set
    // (an absent candidate and baseline have none; a rolled-back one keeps a few from before).
    const traced = LABELLED.filter((s) => storedTraces(s, 'baseline') + storedTraces(s, 'candidate') > 0);
    expect(services).toEqual(
      [...Object.values(SCENARIOS).map((s) => s.service), ...traced.map((s) => s.service)].sort(),
    );
    expect(await ctx.w.metricFind('signals')).toEqual([
      'REQUEST_RATE',
      'ERROR_RATIO',
      'LATENCY_P50',
      'LATENCY_P90',
      'LATENCY_P99',
      'AVAILABILITY',
    ]);
    await expect(ctx.w.metricFind('nonsense')).rejects.toThrow(/unknown variable query/);
  });

  it('Save & test: /readyz and the token through the proxy route; a wrong token is reported', async () => {
    const ok = await ctx.w.page.evaluate(() => window.parallax.testDatasource());
    expect(ok).toEqual({ status: 'success', message: 'Parallax is ready: 3 envs (kr-vm, kr-k8s, kr-down)' });
    const page = await ctx.w.openPage('parallax-bad-token');
    const bad = await page.evaluate(() => window.parallax.testDatasource());
    await page.close();
    expect(bad).toEqual({
      status: 'error',
      message: 'Parallax is not reachable: HTTP 401 UNAUTHENTICATED missing or wrong bearer token',
    });
    expect(settingsOf('x').url).toBe('/api/datasources/proxy/uid/x');
  });
}
