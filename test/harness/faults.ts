import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { blackhole, closedPort, listenLocal } from './ports.js';

/** What a broken backend does. */
export const FAULTS = ['refused', 'blackholed', 'slow', '5xx', 'garbage', 'huge', 'wrong-shape'] as const;
export type Fault = (typeof FAULTS)[number];
export type FaultKind = 'prometheus' | 'jaeger' | 'elasticsearch';

export interface FaultServer {
  url: string;
  close: () => Promise<void>;
}

/** JSON that parses but is not what each API promises. */
const WRONG_SHAPE: Record<FaultKind, unknown> = {
  prometheus: { status: 'success', data: { resultType: 'vector', result: 'not-a-list' } },
  jaeger: { result: { resourceSpans: 42 } },
  elasticsearch: { took: 1, timed_out: false, hits: { total: 'many', hits: 'nope' } },
};

/** Elasticsearch's client refuses answers without this header before it reads them. */
const headersFor = (kind: FaultKind): Record<string, string> => ({
  'content-type': 'application/json',
  ...(kind === 'elasticsearch' ? { 'x-elastic-product': 'Elasticsearch' } : {}),
});

function respond(kind: FaultKind, fault: Fault, opts: { slowMs: number; hugeBytes: number }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const headers = headersFor(kind);
    if (fault === 'slow') {
      const t = setTimeout(
        () => res.writeHead(200, headers).end(JSON.stringify(WRONG_SHAPE[kind])),
        opts.slowMs,
      );
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (fault === '5xx') return void res.writeHead(503, headers).end('{"error":"overloaded"}');
    if (fault === 'garbage') return void res.writeHead(200, headers).end('<<<\u0000 not json at all');
    if (fault === 'wrong-shape')
      return void res.writeHead(200, headers).end(JSON.stringify(WRONG_SHAPE[kind]));
    // huge: a valid-looking JSON string, streamed past the gateway's response cap
    res.writeHead(200, headers);
    res.write('{"status":"success","data":"');
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    const pump = (): void => {
      while (sent < opts.hugeBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('"}');
    };
    res.on('error', () => undefined);
    pump();
  };
}

/** A small HTTP server that misbehaves the given way for the given backend kind. */
export async function startFault(
  kind: FaultKind,
  fault: Fault,
  opts: { slowMs: number; hugeBytes: number },
): Promise<FaultServer> {
  if (fault === 'refused') {
    const port = await closedPort();
    return { url: `http://127.0.0.1:${port}`, close: () => Promise.resolve() };
  }
  if (fault === 'blackholed') return blackhole();
  return listenLocal(createServer(respond(kind, fault, opts)));
}

/**
 * Makes the next request that reaches any proxy sharing it go unanswered: "whichever node is asked
 * first goes silent", so a test need not know which node a group asks first.
 */
export class StallGate {
  private armed = false;
  private count = 0;

  arm(): void {
    this.armed = true;
  }

  /** Requests held so far. */
  held(): number {
    return this.count;
  }

  take(): boolean {
    if (!this.armed) return false;
    this.armed = false;
    this.count++;
    return true;
  }
}

/** A proxy in front of a real backend whose gate can hold a request (a node going silent). */
export interface StallProxy extends FaultServer {
  /** Requests that reached the proxy, forwarded or held. */
  requests: () => number;
}

export async function stallProxy(target: string, gate: StallGate): Promise<StallProxy> {
  let count = 0;
  const srv = createServer((req, res) => {
    count++;
    if (gate.take()) return void req.resume();
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const server = await listenLocal(srv);
  return { ...server, requests: () => count };
}
