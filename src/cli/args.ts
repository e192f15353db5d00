import { parseArgs } from 'node:util';

export const USAGE = `Usage: parallax incident <service> [options]

Fetches the incident context of a service from a Parallax gateway (GET /api/v1/incident-context).

Options:
  --at <time>          moment of interest: RFC3339, Unix seconds or now-15m (default: now)
  --window <duration>  length of the windows before and after --at (default: 30m)
  --format <f>         json (default) or markdown
  --gateway <url>      gateway base URL (default: $PARALLAX_GATEWAY or http://127.0.0.1:9480)
  --baseline <envs>    comma-separated baseline envs (default: envs labelled role=old)
  --candidate <envs>   comma-separated candidate envs (default: envs labelled role=new)
  --timeout <seconds>  give up after this many seconds (default: 60)
  -h, --help           this text

The bearer token is read from $PARALLAX_TOKEN.
Exit codes: 0 no regression, 1 regression found (verdict fail), 2 bad input, 3 gateway unreachable.
`;

export interface IncidentArgs {
  command: 'incident';
  service: string;
  at?: string;
  window?: string;
  format: 'json' | 'markdown';
  gateway: string;
  baseline?: string;
  candidate?: string;
  timeoutMs: number;
}

export type Parsed = { command: 'help' } | IncidentArgs;

export class UsageError extends Error {}

const DEFAULT_GATEWAY = 'http://127.0.0.1:9480';

function gatewayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--gateway: "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--gateway: expected an http(s) URL');
  return raw.replace(/\/+$/, '');
}

function timeout(raw: string | undefined): number {
  if (raw === undefined) return 60_000;
  const seconds = Number(raw);
  if (!(seconds > 0 && seconds <= 3600)) throw new UsageError('--timeout: expected seconds from 1 to 3600');
  return seconds * 1000;
}

/** argv (without node and the script) -> what to do; UsageError for anything wrong. */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        at: { type: 'string' },
        window: { type: 'string' },
        format: { type: 'string', default: 'json' },
        gateway: { type: 'string' },
        baseline: { type: 'string' },
        candidate: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, service, ...rest] = positionals;
  if (command !== 'incident')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (!service) throw new UsageError('incident: missing <service>');
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (values.format !== 'json' && values.format !== 'markdown')
    throw new UsageError('--format: expected json or markdown');
  return {
    command: 'incident',
    service,
    format: values.format,
    gateway: gatewayUrl(values.gateway ?? env.PARALLAX_GATEWAY ?? DEFAULT_GATEWAY),
    timeoutMs: timeout(values.timeout),
    ...(values.at === undefined ? {} : { at: values.at }),
    ...(values.window === undefined ? {} : { window: values.window }),
    ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
    ...(values.candidate === undefined ? {} : { candidate: values.candidate }),
  };
}
