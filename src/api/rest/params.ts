import { badInput } from '../../errors/index.js';
import { parseDuration, parseTime } from '../../time/index.js';

export const DEFAULT_WINDOW = '30m';
const MAX_PARAM = 1024;

export interface IncidentParams {
  service: string;
  at: number;
  windowMs: number;
  baseline?: string[];
  candidate?: string[];
  markdown: boolean;
}

type Query = (name: string) => string[] | undefined;

function one(query: Query, name: string): string | undefined {
  const values = query(name);
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw badInput(name, 'is given more than once');
  const value = values[0] as string;
  if (value.length > MAX_PARAM) throw badInput(name, `must be at most ${MAX_PARAM} characters`);
  return value;
}

/** `a,b` or repeated parameters; empty items dropped. */
function list(query: Query, name: string): string[] | undefined {
  const items = (query(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return items.length > 0 ? items : undefined;
}

function wantsMarkdown(accept: string | undefined, format: string | undefined): boolean {
  if (format !== undefined) {
    if (format !== 'json' && format !== 'markdown') throw badInput('format', 'must be json or markdown');
    return format === 'markdown';
  }
  return /\btext\/markdown\b/i.test(accept ?? '');
}

/** The query of GET /api/v1/incident-context, each problem naming its parameter. */
export function incidentParams(query: Query, accept: string | undefined, now: number): IncidentParams {
  const service = one(query, 'service')?.trim();
  if (!service) throw badInput('service', 'is required');
  const at = one(query, 'at');
  const baseline = list(query, 'baseline');
  const candidate = list(query, 'candidate');
  return {
    service,
    at: at === undefined ? now : parseTime(at, 'at', now),
    windowMs: parseDuration(one(query, 'window') ?? DEFAULT_WINDOW, 'window'),
    ...(baseline ? { baseline } : {}),
    ...(candidate ? { candidate } : {}),
    markdown: wantsMarkdown(accept, one(query, 'format')),
  };
}
