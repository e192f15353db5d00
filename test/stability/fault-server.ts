import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault a real Prometheus cannot be made to produce on demand: a form POST with `query=huge` answers with an
 * endless-looking JSON body (`hugeBytes`, streamed 1 MiB at a time); any other query a tiny valid
 * instant vector. Records how many bytes each huge answer got out before the client hung up.
 */
export interface FaultServer {
  url: string;
  /** Bytes written per huge answer, and whether the client closed it before the end. */
  huge: Array<{ written: number; cut: boolean }>;
  close: () => Promise<void>;
}

const SMALL = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: { job: 'x' }, value: [1, '1'] }] },
});

export async function startFaultServer(hugeBytes: number): Promise<FaultServer> {
  const huge: FaultServer['huge'] = [];
  const chunk = Buffer.alloc(1 << 20, 0x20); // spaces: valid JSON whitespace, never parsed this far
  const server: Server = createServer((req, res) => {
    let form = '';
    req.on('data', (c: Buffer) => (form += c.toString()));
    req.on('end', () => answer(new URLSearchParams(form).get('query'), res));
  });
  const answer = (query: string | null, res: ServerResponse): void => {
    if (query !== 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(SMALL);
      return;
    }
    const entry = { written: 0, cut: false };
    huge.push(entry);
    res.writeHead(200, { 'content-type': 'application/json' }); // no length: chunked, cut by bytes read
    res.on('close', () => {
      if (!res.writableFinished) entry.cut = true;
    });
    const pump = (): void => {
      while (entry.written < hugeBytes && !res.destroyed) {
        entry.written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.write('{"status":"success","data":{"resultType":"vector","result":[');
    pump();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    huge,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
