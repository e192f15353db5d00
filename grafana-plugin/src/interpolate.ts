import type { ScopedVars } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { ParallaxQuery } from './types';

/** `$service` and friends; a multi-value variable in a text field becomes its comma-joined values. */
export const text = (value: string | undefined, vars: ScopedVars): string =>
  value ? getTemplateSrv().replace(value, vars, 'csv') : '';

/** Each entry interpolated; a multi-value `$baseline` expands to every value it holds. */
export function list(values: string[] | undefined, vars: ScopedVars): string[] {
  const out = (values ?? [])
    .flatMap((v) => text(v, vars).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(out)];
}

/** The query with every field a template variable can appear in interpolated. */
export function interpolateQuery(q: ParallaxQuery, vars: ScopedVars): ParallaxQuery {
  const optional = (v: string | undefined) => (v ? text(v, vars) : undefined);
  const out: ParallaxQuery = {
    ...q,
    service: text(q.service, vars),
    envs: list(q.envs, vars),
    baseline: list(q.baseline, vars),
    candidate: list(q.candidate, vars),
    signals: list(q.signals, vars),
    levels: list(q.levels, vars),
  };
  for (const key of ['operation', 'minDuration', 'traceId', 'text'] as const) {
    const v = optional(q[key]);
    if (v === undefined) delete out[key];
    else out[key] = v;
  }
  return out;
}
