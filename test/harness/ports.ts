import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

/** A free TCP port on 127.0.0.1 (bound then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A port where nothing listens: connections are refused. */
export const closedPort = freePort;

/** Listens on a free 127.0.0.1 port; close() destroys the open connections first (no drain wait). */
export async function listenLocal(
  srv: Server | HttpServer,
): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  srv.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}

/** A socket server that accepts connections and never answers: the "blackholed" backend. */
export const blackhole = (): Promise<{ url: string; close: () => Promise<void> }> =>
  listenLocal(createServer(() => undefined));

const PORT_CLASH = /address already in use|EADDRINUSE|BindException|bind: address/i;

/**
 * Runs a server start again (with fresh ports) when it lost a port race: a port found free can be
 * taken by another process, or by an outgoing connection's source port, before the server binds it.
 */
export async function retryOnPortClash<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (err) {
      if (i >= attempts || !PORT_CLASH.test((err as Error).message)) throw err;
    }
  }
}
