import { createServer, type Server } from 'node:http';

/**
 * A Jaeger without api_v3 (as before v1.35): forwards to a real Jaeger but answers 404 text to
 * /api/v3/*, the way Go's router does for an unknown path. Used to check `api: auto` falls back.
 */
export async function legacyOnlyProxy(
  upstream: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const srv: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/v3/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    fetch(`${upstream}${req.url ?? '/'}`)
      .then(async (up) =>
        res.writeHead(up.status, { 'content-type': 'application/json' }).end(await up.text()),
      )
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
  };
}
