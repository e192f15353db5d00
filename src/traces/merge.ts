import { type DependencyLink, type Operation, type Trace } from './model.js';
import { buildTrace } from './assemble.js';
import type { EnvValue } from '../federation/index.js';
import type { DependencyEntry, OperationEntry, ServiceEntry, TraceOrder } from './types.js';

/** One trace per id: a trace whose spans sit in several envs (a call that crossed envs) is joined. */
export function mergeTraces(traces: readonly Trace[]): Trace[] {
  const byId = new Map<string, Trace[]>();
  for (const t of traces) byId.set(t.traceId, [...(byId.get(t.traceId) ?? []), t]);
  return [...byId].map(([id, group]) =>
    group.length === 1
      ? (group[0] as Trace)
      : buildTrace(
          id,
          group.flatMap((t) => t.spans),
        ),
  );
}

/** Decimal ns strings compare as numbers by length first (no leading zeros), then lexically: no BigInt. */
function compareNs(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** NEWEST: latest start first; SLOWEST: longest first. Ties by trace id, so the order is stable. */
export function sortTraces(traces: Trace[], order: TraceOrder): Trace[] {
  const tie = (a: Trace, b: Trace): number => a.traceId.localeCompare(b.traceId);
  if (order === 'SLOWEST') return traces.sort((a, b) => b.durationUs - a.durationUs || tie(a, b));
  return traces.sort((a, b) => compareNs(b.startNs, a.startNs) || tie(a, b));
}

export function mergeServices(data: readonly EnvValue<string[]>[]): ServiceEntry[] {
  const envsOf = new Map<string, string[]>();
  for (const { env, value } of data)
    for (const name of value) envsOf.set(name, [...(envsOf.get(name) ?? []), env]);
  return [...envsOf].map(([name, envs]) => ({ name, envs })).sort((a, b) => a.name.localeCompare(b.name));
}

export function mergeOperations(data: readonly EnvValue<Operation[]>[]): OperationEntry[] {
  const merged = new Map<string, OperationEntry>();
  for (const { env, value } of data) {
    for (const op of value) {
      const key = `${op.name}\u0000${op.spanKind}`;
      const entry = merged.get(key) ?? { name: op.name, spanKind: op.spanKind, envs: [] };
      if (!entry.envs.includes(env)) entry.envs.push(env);
      merged.set(key, entry);
    }
  }
  return [...merged.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.spanKind.localeCompare(b.spanKind),
  );
}

export function mergeDependencies(data: readonly EnvValue<DependencyLink[]>[]): DependencyEntry[] {
  const merged = new Map<string, DependencyEntry>();
  for (const { env, value } of data) {
    for (const link of value) {
      const key = `${link.parent}\u0000${link.child}`;
      const entry = merged.get(key) ?? { parent: link.parent, child: link.child, callCount: 0, byEnv: [] };
      entry.callCount += link.callCount;
      entry.byEnv.push({ env, callCount: link.callCount });
      merged.set(key, entry);
    }
  }
  return [...merged.values()].sort(
    (a, b) => a.parent.localeCompare(b.parent) || a.child.localeCompare(b.child),
  );
}
