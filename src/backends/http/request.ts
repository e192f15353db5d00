import { Agent, request } from 'undici';
import { ParallaxError } from '../../errors/index.js';
import { timeoutSignal } from './timeout.js';
import { invalidResponse, transportError } from './errors.js';
import type { HttpRequest, HttpResponse, HttpTarget, HttpText } from './target.js';

// Keep-alive pools shared by every backend (one per CA): connection reuse is most of the latency budget.
const agents = new Map<string, Agent>();
function agentFor(ca: string | undefined): Agent {
  const key = ca ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      pipelining: 1,
      ...(ca ? { connect: { ca } } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

function buildUrl(target: HttpTarget, req: HttpRequest): string {
  const base = target.baseUrl.replace(/\/+$/, '');
  const qs = req.query && req.query.size > 0 ? `?${req.query.toString()}` : '';
  return `${base}${req.path}${qs}`;
}

function bodyOf(req: HttpRequest): { body?: string; type?: string } {
  if (req.form) return { body: req.form.toString(), type: 'application/x-www-form-urlencoded' };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), type: 'application/json' };
  return {};
}

async function readLimited(body: AsyncIterable<Buffer>, target: HttpTarget): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > target.maxBytes) {
      throw new ParallaxError(
        'BACKEND_RESPONSE_TOO_LARGE',
        `${target.backend} of env ${target.env}: response larger than ${target.maxBytes} bytes`,
        { env: target.env, backend: target.backend },
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One HTTP call to a backend, bounded by the backend's timeout and the caller's signal (the
 * request deadline). Returns the status and the body text (at most `maxBytes`).
 */
export async function requestText(target: HttpTarget, req: HttpRequest): Promise<HttpText> {
  const timeout = timeoutSignal(target.timeoutMs, req.signal);
  const signal = timeout.signal;
  const { body, type } = bodyOf(req);
  try {
    const res = await request(buildUrl(target, req), {
      method: req.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...target.headers, ...(type ? { 'content-type': type } : {}) },
      ...(body === undefined ? {} : { body }),
      signal,
      dispatcher: agentFor(target.ca),
    });
    return { status: res.statusCode, text: await readLimited(res.body, target) };
  } catch (err) {
    throw transportError(err, target, timeout.timedOut());
  } finally {
    timeout.release();
  }
}

/** requestText, then the body as JSON; the adapter validates the shape. */
export async function requestJson(target: HttpTarget, req: HttpRequest): Promise<HttpResponse> {
  return parseJsonBody(target, await requestText(target, req));
}

export function parseJsonBody(target: HttpTarget, { status, text }: HttpText): HttpResponse {
  if (text.length === 0) return { status, body: undefined };
  try {
    return { status, body: JSON.parse(text) as unknown };
  } catch {
    if (status >= 500) return { status, body: undefined };
    throw invalidResponse(target, `HTTP ${status}, body is not JSON`);
  }
}
