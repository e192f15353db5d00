import { z } from 'zod';
import { badInput } from '../../errors/index.js';
import { duration, envNames, instant, parseArgs, serviceName } from '../../input/index.js';

/** 30m: the window before and after `at` when none is given. */
export const DEFAULT_WINDOW_MS = 30 * 60_000;
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

const incidentQuery = z.object({
  service: serviceName,
  at: instant.optional(),
  window: duration.default(DEFAULT_WINDOW_MS),
  baseline: envNames.optional(),
  candidate: envNames.optional(),
  format: z.enum(['json', 'markdown'], { error: 'must be json or markdown' }).optional(),
});

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

/** The query of GET /api/v1/incident-context, each problem naming its parameter. */
export function incidentParams(query: Query, accept: string | undefined, now: number): IncidentParams {
  const service = one(query, 'service');
  if (!service?.trim()) throw badInput('service', 'is required');
  const raw = {
    service,
    at: one(query, 'at'),
    window: one(query, 'window'),
    baseline: list(query, 'baseline'),
    candidate: list(query, 'candidate'),
    format: one(query, 'format'),
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const p = parseArgs(incidentQuery, defined);
  return {
    service: p.service,
    at: p.at ?? now,
    windowMs: p.window,
    ...(p.baseline ? { baseline: p.baseline } : {}),
    ...(p.candidate ? { candidate: p.candidate } : {}),
    markdown: p.format === undefined ? /\btext\/markdown\b/i.test(accept ?? '') : p.format === 'markdown',
  };
}
