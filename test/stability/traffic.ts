import { LOG_LINES, PROM_VALUE, SERVICE, T0 } from './world.js';

/** One call per surface, each checked against the data the world holds; throws on any difference. */
export const CALLS: Record<string, (gw: string) => Promise<void>> = {
  prometheus: async (gw) => {
    const res = await fetch(`${gw}/api/v1/query?query=stab_value&time=${T0 / 1000}`);
    const body = (await res.json()) as {
      data?: { result?: Array<{ metric: { env: string }; value: [number, string] }> };
    };
    const got = (body.data?.result ?? []).map((r) => `${r.metric.env}=${r.value[1]}`).sort();
    if (res.status !== 200 || got.join() !== `a=${PROM_VALUE},b=${PROM_VALUE}`)
      throw new Error(`prometheus: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  },
  jaeger: async (gw) => {
    const res = await fetch(`${gw}/api/services`);
    const body = (await res.json()) as { data?: string[]; errors?: unknown };
    if (res.status !== 200 || !body.data?.includes(SERVICE) || body.errors)
      throw new Error(`jaeger: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  },
  logs: async (gw) => {
    const range = { start: new Date(T0 - 60_000).toISOString(), end: new Date(T0 + 60_000).toISOString() };
    const query = `{ logs(service: "${SERVICE}", range: { start: "${range.start}", end: "${range.end}" }) { records { env message } } }`;
    const res = await fetch(`${gw}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: { logs?: { records: unknown[] } }; errors?: unknown };
    if (res.status !== 200 || body.errors || body.data?.logs?.records.length !== 2 * LOG_LINES)
      throw new Error(`logs: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  },
};

export interface Traffic {
  /** Stops the workers and resolves with the calls made and the failures seen per surface. */
  stop: () => Promise<{ calls: number; failures: string[] }>;
}

/** `workers` loops, each cycling through every surface, until stopped. */
export function startTraffic(gw: string, workers: number): Traffic {
  let running = true;
  let calls = 0;
  const failures: string[] = [];
  const names = Object.keys(CALLS);
  const loop = async (offset: number): Promise<void> => {
    for (let i = offset; running; i++) {
      const name = names[i % names.length] as string;
      try {
        await (CALLS[name] as (gw: string) => Promise<void>)(gw);
      } catch (err) {
        failures.push((err as Error).message);
      }
      calls++;
    }
  };
  const loops = Array.from({ length: workers }, (_, i) => loop(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { calls, failures };
    },
  };
}
