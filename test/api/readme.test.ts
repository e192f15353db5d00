import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { createApp } from '../../src/app/index.js';

// The README's GraphQL examples must stay valid against schema/: a doc that drifts is a bug.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('README', () => {
  it('has GraphQL examples that validate against the schema', async () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const { app } = createApp(
      parseConfig(
        'federation: { deadline: 1s }\nenvs:\n  - name: kr-vm\n    prometheus: { url: "http://127.0.0.1:9" }\n  - name: kr-k8s\n',
      ),
    );
    for (const query of examples) {
      const res = await app.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as {
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      const invalid = (body.errors ?? []).filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
      expect(
        invalid.map((e) => e.message),
        query.slice(0, 60),
      ).toEqual([]);
    }
  });
});
