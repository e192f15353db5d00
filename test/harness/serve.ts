import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** Serves an app on a port the OS picks at bind time (no port race), on 127.0.0.1. */
export async function serveApp(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => void server.close() }),
    );
  });
}
