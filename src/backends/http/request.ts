import { request } from 'undici';
import { agentFor } from './agents.js';
import { timeoutSignal } from './timeout.js';
import { invalidResponse, transportError } from './errors.js';
import { readCapped } from './read-body.js';
import type { HttpRequest, HttpResponse, HttpTarget, HttpText } from './target.js';

function buildUrl(target: HttpTarget, req: HttpRequest): string {
  const base = target.baseUrl.replace(/\/+$/, '');
  const qs = req.query && req.query.size > 0 ? `?${req.query.toString()}` : '';
  return `${base}${req.path}${qs}`;
}

function contentLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = Number(headers['content-length']);
  return Number.isFinite(value) ? value : undefined;
}

function bodyOf(req: HttpRequest): { body?: string; type?: string } {
  if (req.form) return { body: req.form.toString(), type: 'application/x-www-form-urlencoded' };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), type: 'application/json' };
  return {};
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
    return { status: res.statusCode, text: await readCapped(res.body, target, contentLength(res.headers)) };
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
