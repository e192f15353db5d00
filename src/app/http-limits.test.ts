import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../../test/harness/index.js';
import { bodyCap } from './http-limits.js';

// Over a real socket: the declared-length path only exists for requests a client sent with one.
let server: { url: string; close: () => void };

beforeAll(async () => {
  const app = new Hono();
  app.use('*', bodyCap(16));
  app.all('/echo', async (c) => c.text(String((await c.req.text()).length)));
  server = await serveApp(app.fetch);
});

afterAll(() => server.close());

const send = async (body: string | Readable | undefined, method = 'POST') => {
  const res = await request(`${server.url}/echo`, { method, ...(body === undefined ? {} : { body }) });
  return { status: res.statusCode, text: await res.body.text() };
};

describe('bodyCap', () => {
  it('judges a declared length from the header, and lets bodies within it through whole', async () => {
    expect(await send('x'.repeat(16))).toEqual({ status: 200, text: '16' });
    const over = await send('x'.repeat(17));
    expect(over.status).toBe(413);
    expect(JSON.parse(over.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('counts a chunked body as it streams in', async () => {
    expect(await send(Readable.from(['x'.repeat(8), 'y'.repeat(8)]))).toEqual({ status: 200, text: '16' });
    expect((await send(Readable.from(['x'.repeat(10), 'y'.repeat(10)]))).status).toBe(413);
  });

  it('passes GET without looking for a body', async () => {
    expect(await send(undefined, 'GET')).toEqual({ status: 200, text: '0' });
  });
});
