import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { TOKEN, type PluginWorld } from './world.js';

/** The README's example for a stock GraphQL/JSON datasource (Infinity): its query and its rows selector. */
async function readmeExample(): Promise<{ query: string; rows: string }> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### A stock GraphQL or JSON datasource'));
  const query = /```graphql\n([\s\S]*?)```/.exec(section)?.[1];
  const rows = /rows selector `([^`]+)`/.exec(section)?.[1];
  if (!query || !rows) throw new Error('README: no stock GraphQL datasource example');
  return { query, rows };
}

/** What Infinity does before sending: dashboard variables and ${__from:date:iso} / ${__to:date:iso}. */
const interpolate = (query: string, from: number, to: number, service: string) =>
  query
    .replaceAll('${__from:date:iso}', new Date(from).toISOString())
    .replaceAll('${__to:date:iso}', new Date(to).toISOString())
    .replaceAll('$service', service);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function genericGraphqlSuite(ctx: { w: PluginWorld; range: { from: number; to: number } }) {
  it('the README query gives flat rows under one data path, with an ISO 8601 time field and the env', async () => {
    const { query, rows: selector } = await readmeExample();
    const res = await fetch(`${ctx.w.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: interpolate(query, ctx.range.from, ctx.range.to, 'err-api') }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const rows = selector.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], body);
    expect(Array.isArray(rows)).toBe(true);
    const list = rows as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(10);
    for (const row of list) {
      // Flat: every column a scalar, so a table parser needs no nested selectors.
      for (const v of Object.values(row))
        expect(['string', 'number', 'boolean'].includes(typeof v) || v === null).toBe(true);
      expect(row.time).toMatch(ISO_8601);
      const t = Date.parse(String(row.time));
      expect(t).toBeGreaterThanOrEqual(ctx.range.from);
      expect(t).toBeLessThanOrEqual(ctx.range.to);
      expect(['kr-vm', 'kr-k8s']).toContain(row.env);
    }
    expect(new Set(list.map((r) => r.env))).toEqual(new Set(['kr-vm', 'kr-k8s']));
  });
}
