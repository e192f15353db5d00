import type { Trace } from '../../traces/index.js';
import { badInput, type BackendKind, type ParallaxError } from '../../errors/index.js';
import type { LogRecord } from '../../logs/index.js';
import { dedupeErrors, gatherMetrics, hasBackend } from '../gather.js';
import type { Comparison, EnvMetrics, Side } from '../model/index.js';
import type { CompareDeps, CompareService } from '../service.js';
import { checkService, checkSides } from '../validate.js';
import {
  INCIDENT_SCHEMA_VERSION,
  type EnvRed,
  type ErrorLine,
  type IncidentContext,
  type IncidentRequest,
  type IncidentVerdict,
  type LogPatternRef,
  type RedWindow,
  type TraceRef,
} from './types.js';
import { checkAt, checkWindow, incidentWindows, type Window } from './windows.js';

const TOP_TRACES = 5;
const TOP_PATTERNS = 5;
const RECENT_ERRORS = 10;

const iso = (ms: number): string => new Date(ms).toISOString();

interface Sides {
  baseline: string[];
  candidate: string[];
}

/** The request's envs, or those labelled role=old (baseline) and role=new (candidate). */
function sidesOf(deps: CompareDeps, req: IncidentRequest): Sides {
  const byRole = (role: string, field: string): string[] => {
    const names = deps.envs
      .all()
      .filter((e) => e.labels.role === role)
      .map((e) => e.name);
    if (names.length === 0)
      throw badInput(field, `no env has the label role=${role}; name the ${field} envs`);
    return names;
  };
  const given = (names: readonly string[] | undefined): names is readonly string[] =>
    !!names && names.length > 0;
  // Checked before any backend is asked, so no call is left running when the input is wrong.
  return checkSides(
    deps.envs,
    given(req.baseline) ? req.baseline : byRole('old', 'baseline'),
    given(req.candidate) ? req.candidate : byRole('new', 'candidate'),
  );
}

function redOf(m: EnvMetrics | undefined, w: Window): RedWindow | null {
  if (!m) return null;
  const c = m.counts;
  const seconds = (w.end - w.start) / 1000;
  return {
    start: iso(w.start),
    end: iso(w.end),
    requests: c?.total ?? null,
    requestRate: c && seconds > 0 ? c.total / seconds : null,
    errors: c?.errors ?? null,
    errorRatio: c && c.total > 0 ? c.errors / c.total : null,
    p50Ms: m.latency.p50Ms,
    p99Ms: m.latency.p99Ms,
  };
}

function verdictOf(c: Comparison): IncidentVerdict {
  return {
    verdict: c.verdict.verdict,
    score: c.verdict.score,
    reason: c.verdict.reason,
    window: { start: iso(c.range.start), end: iso(c.range.end) },
    signals: c.signals.map((s) => ({ signal: s.name, verdict: s.verdict, reason: s.reason })),
    culprits: c.culprits.map((x) => ({
      rank: x.rank,
      signal: x.signal,
      env: x.env,
      operation: x.operation?.operation ?? null,
      summary: x.summary,
    })),
    missing: c.verdict.missing,
    improvements: c.verdict.improvements,
  };
}

function patternsOf(c: Comparison): LogPatternRef[] {
  const diff = c.logPatterns;
  const all = diff ? [...diff.newPatterns, ...diff.grown] : [];
  const byEvidence = all.sort((a, b) => (a.pValue ?? 1) - (b.pValue ?? 1) || b.count - a.count);
  return byEvidence.slice(0, TOP_PATTERNS).map((p) => ({
    template: p.template,
    isNew: p.isNew,
    verdict: p.verdict,
    count: p.count,
    perRequest: p.perRequest,
    countByEnv: p.countByEnv,
    example: p.example,
    traceIds: p.traceIds,
  }));
}

function errorLine(r: LogRecord): ErrorLine {
  return {
    time: iso(r.time),
    env: r.env,
    level: r.level,
    message: r.message,
    ...(r.traceId ? { traceId: r.traceId } : {}),
  };
}

/** Runbook context of a service at a time: RED before/after, verdict, new log patterns, worst traces, errors. */
export class IncidentService {
  constructor(
    private readonly deps: CompareDeps,
    private readonly compare: CompareService,
  ) {}

  async context(req: IncidentRequest, now = Date.now()): Promise<IncidentContext> {
    const service = checkService(req.service);
    const at = checkAt(req.at, now);
    const windowMs = checkWindow(req.windowMs);
    const sides = sidesOf(this.deps, req);
    const windows = incidentWindows(at, windowMs, now);
    const span = { start: windows.before.start, end: windows.after?.end ?? at };
    const call = { service, sides, signal: req.signal };
    const [comparison, before, after, slowest, failed, recent] = await Promise.all([
      this.compare.compare({
        service,
        ...sides,
        range: windows.verdict,
        ...(req.signal ? { signal: req.signal } : {}),
      }),
      this.red(call, windows.before),
      windows.after ? this.red(call, windows.after) : Promise.resolve(null),
      this.traces(call, span, false),
      this.traces(call, span, true),
      this.errorLines(call, span),
    ]);
    const errors = dedupeErrors([
      ...comparison.errors,
      ...(before?.errors ?? []),
      ...(after?.errors ?? []),
      ...slowest.errors,
      ...failed.errors,
      ...recent.errors,
    ]);
    return {
      schemaVersion: INCIDENT_SCHEMA_VERSION,
      service,
      at: iso(at),
      windowSeconds: windowMs / 1000,
      generatedAt: iso(now),
      baseline: comparison.data.baseline,
      candidate: comparison.data.candidate,
      verdict: verdictOf(comparison.data),
      red: this.redRows(comparison.data, windows, before?.metrics ?? [], after?.metrics ?? []),
      migration: comparison.data.migration,
      newLogPatterns: patternsOf(comparison.data),
      slowestTraces: slowest.data,
      failedTraces: failed.data,
      recentErrors: recent.data,
      errors: errors.map((e) => e.toJSON()),
    };
  }

  private redRows(
    c: Comparison,
    w: ReturnType<typeof incidentWindows>,
    before: EnvMetrics[],
    after: EnvMetrics[],
  ): EnvRed[] {
    const side = (s: Side) => (env: string) => ({ env, side: s });
    const rows = [...c.baseline.map(side('baseline')), ...c.candidate.map(side('candidate'))];
    return rows.map(({ env, side }) => ({
      env,
      side,
      before: redOf(
        before.find((m) => m.env === env),
        w.before,
      ),
      after: w.after
        ? redOf(
            after.find((m) => m.env === env),
            w.after,
          )
        : null,
    }));
  }

  private envs(sides: Sides, backend: BackendKind): string[] {
    return [...sides.baseline, ...sides.candidate].filter((env) => hasBackend(this.deps.envs, env, backend));
  }

  private red(call: Call, w: Window) {
    const sideOf = (env: string): Side => (call.sides.candidate.includes(env) ? 'candidate' : 'baseline');
    const envs = this.envs(call.sides, 'prometheus').map((env) => ({ env, side: sideOf(env) }));
    // One step spanning the window: only the window statistics (increase() at its end) are wanted.
    const range = { start: w.start, end: w.end, step: Math.max(1000, w.end - w.start) };
    return gatherMetrics(this.deps, {
      service: call.service,
      envs,
      range,
      signals: [],
      ...(call.signal ? { signal: call.signal } : {}),
    });
  }

  private async traces(
    call: Call,
    w: Window,
    failed: boolean,
  ): Promise<{ data: TraceRef[]; errors: ParallaxError[] }> {
    const envs = this.envs(call.sides, 'jaeger');
    if (envs.length === 0) return { data: [], errors: [] };
    const res = await this.deps.traces.search(
      {
        service: call.service,
        envs,
        startMs: w.start,
        endMs: w.end,
        limit: TOP_TRACES,
        order: failed ? 'NEWEST' : 'SLOWEST',
        ...(failed ? { attributes: { error: 'true' } } : {}),
      },
      call.signal ? { signal: call.signal } : {},
    );
    return { data: res.data.map((t) => this.traceRef(t)), errors: res.errors };
  }

  private traceRef(t: Trace): TraceRef {
    const links = t.envs.flatMap((env) => {
      const template = this.deps.envs.get(env).traces?.uiUrl;
      return template ? [{ env, url: template.replaceAll('{{traceId}}', t.traceId) }] : [];
    });
    return {
      traceId: t.traceId,
      envs: t.envs,
      rootOperation: t.rootOperation,
      start: iso(t.startMs),
      durationMs: t.durationMs,
      errorCount: t.errorCount,
      links,
    };
  }

  private async errorLines(call: Call, w: Window): Promise<{ data: ErrorLine[]; errors: ParallaxError[] }> {
    const envs = this.envs(call.sides, 'elasticsearch');
    if (envs.length === 0) return { data: [], errors: [] };
    const res = await this.deps.logs.search({
      service: call.service,
      envs,
      range: w,
      levels: ['error', 'fatal'],
      limit: RECENT_ERRORS,
      ...(call.signal ? { signal: call.signal } : {}),
    });
    return { data: res.data.records.map(errorLine), errors: res.errors };
  }
}

interface Call {
  service: string;
  sides: Sides;
  signal: AbortSignal | undefined;
}
