import type { IncidentArgs } from './args.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const REST_PATH = '/api/v1/incident-context';

function requestUrl(args: IncidentArgs): string {
  const params = new URLSearchParams({ service: args.service });
  if (args.at !== undefined) params.set('at', args.at);
  if (args.window !== undefined) params.set('window', args.window);
  if (args.baseline !== undefined) params.set('baseline', args.baseline);
  if (args.candidate !== undefined) params.set('candidate', args.candidate);
  return `${args.gateway}${REST_PATH}?${params.toString()}`;
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

function describeError(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (body.error?.message) return `${body.error.code ?? status}: ${body.error.message}`;
  } catch {
    // not JSON: show the status alone
  }
  return `HTTP ${status}`;
}

/** fetch says "fetch failed"; the cause says why (ECONNREFUSED, a timeout...). */
function reasonOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

function verdictOf(format: IncidentArgs['format'], res: Response, text: string): string | undefined {
  if (format === 'markdown') return res.headers.get('x-parallax-verdict') ?? undefined;
  const body = JSON.parse(text) as { verdict?: { verdict?: string } };
  return body.verdict?.verdict;
}

/** Fetches the incident context, prints it, and maps the outcome to an exit code. */
export async function runIncident(
  args: IncidentArgs,
  env: Record<string, string | undefined>,
  io: Io,
): Promise<ExitCode> {
  const headers: Record<string, string> = {
    accept: args.format === 'markdown' ? 'text/markdown' : 'application/json',
  };
  if (env.PARALLAX_TOKEN) headers.authorization = `Bearer ${env.PARALLAX_TOKEN}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(requestUrl(args), { headers, signal: AbortSignal.timeout(args.timeoutMs) });
    text = await res.text();
  } catch (err) {
    io.err(`parallax: gateway ${args.gateway} unreachable: ${reasonOf(err)}\n`);
    return EXIT.UNREACHABLE;
  }
  if (!res.ok) {
    io.err(`parallax: ${describeError(res.status, text)}\n`);
    return res.status >= 500 ? EXIT.UNREACHABLE : EXIT.BAD_INPUT;
  }
  let verdict: string | undefined;
  try {
    verdict = verdictOf(args.format, res, text);
  } catch {
    io.err('parallax: the gateway answered with something that is not JSON\n');
    return EXIT.UNREACHABLE;
  }
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return exitFor(verdict, io);
}

/** fail -> 1, no_data -> 4 (never an ok: a rollback or an absent service must not read as healthy). */
function exitFor(verdict: string | undefined, io: Io): ExitCode {
  if (verdict === 'fail') return EXIT.REGRESSION;
  if (verdict === 'no_data') {
    io.err('parallax: no data: nothing to judge in the window (see the verdict reason)\n');
    return EXIT.NO_DATA;
  }
  if (verdict === 'marginal')
    io.err('parallax: warning: the verdict is marginal (possibly worse, see the reason)\n');
  return EXIT.OK;
}
