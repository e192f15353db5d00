import type { Config } from '../config/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { BACKEND_KINDS, type BackendKind, type ParallaxError } from '../errors/index.js';
import type { ErrorPatternCounts, LogService } from '../logs/index.js';
import type { MetricsService } from '../metrics/index.js';
import type { SignalName, SignalsService } from '../signals/index.js';
import type { ServiceOperationStats, TraceService } from '../traces/index.js';
import type { TimeRange } from '../time/index.js';
import { dedupeErrors, gatherMetrics, hasBackend, missingOf } from './gather.js';
import {
  buildComparison,
  resolveTolerances,
  type Comparison,
  type MissingData,
  type Side,
  type ToleranceSpec,
} from './model/index.js';
import { checkCompareRange, checkService, checkSides } from './validate.js';

/** What compare needs of the gateway's services (a subset of app's Services). */
export interface CompareDeps {
  config: Config;
  envs: EnvRegistry;
  metrics: MetricsService;
  signals: SignalsService;
  traces: TraceService;
  logs: LogService;
}

export const DEFAULT_COMPARE_SIGNALS: readonly SignalName[] = [
  'request_rate',
  'error_ratio',
  'latency_p50',
  'latency_p90',
  'latency_p99',
];

/** Signals always fetched: traffic shares need the rate, fallback counts need the error ratio. */
const ALWAYS_FETCHED: readonly SignalName[] = ['request_rate', 'error_ratio'];

/** Points judged are spaced by the templates' rate window, so they do not share requests... */
const JUDGE_SPACING_MS = 5 * 60_000;
/** ...unless the window is short: then closer points, so that at least this many are judged. */
const MIN_JUDGED_POINTS = 10;

/** Spacing of judged points for a range: the rate window, or less on windows under ~50 min. */
export function judgeSpacing(range: TimeRange): number {
  const fit = Math.floor((range.end - range.start) / (MIN_JUDGED_POINTS - 1));
  return Math.max(range.step, Math.min(JUDGE_SPACING_MS, fit));
}

export interface CompareRequest {
  service: string;
  baseline: readonly string[];
  candidate: readonly string[];
  range: TimeRange;
  signals?: readonly SignalName[];
  tolerances?: readonly ToleranceSpec[];
  signal?: AbortSignal;
}

export interface CompareAnswer {
  data: Comparison;
  /** Per-env failures (partial errors), one per env, backend and code. */
  errors: ParallaxError[];
}

interface Checked {
  service: string;
  baseline: string[];
  candidate: string[];
  range: TimeRange;
  signals: SignalName[];
  signal?: AbortSignal;
}

/** Baseline vs candidate envs of one service: metrics, traces and logs gathered in parallel, then judged. */
export class CompareService {
  constructor(private readonly deps: CompareDeps) {}

  async compare(req: CompareRequest): Promise<CompareAnswer> {
    const sides = checkSides(this.deps.envs, req.baseline, req.candidate);
    const tolerances = resolveTolerances(req.tolerances ?? []);
    const checked: Checked = {
      service: checkService(req.service),
      ...sides,
      range: checkCompareRange(req.range),
      signals: [...new Set(req.signals && req.signals.length > 0 ? req.signals : DEFAULT_COMPARE_SIGNALS)],
      ...(req.signal ? { signal: req.signal } : {}),
    };
    const sideOf = (env: string): Side => (checked.candidate.includes(env) ? 'candidate' : 'baseline');
    const [metrics, operations, logs] = await Promise.all([
      this.metricsOf(checked, sideOf),
      this.operationsOf(checked),
      this.logsOf(checked),
    ]);
    const errors = dedupeErrors([...metrics.errors, ...operations.errors, ...logs.errors]);
    const data = buildComparison({
      service: checked.service,
      baseline: checked.baseline,
      candidate: checked.candidate,
      range: checked.range,
      signals: checked.signals,
      tolerances,
      judgeSpacingMs: judgeSpacing(checked.range),
      metrics: metrics.metrics,
      operations: operations.data,
      logs: logs.data,
      missing: [...missingOf(errors, sideOf), ...this.unconfigured(checked, sideOf)],
    });
    return { data, errors };
  }

  private with(backend: BackendKind, envs: readonly string[]): string[] {
    return envs.filter((env) => hasBackend(this.deps.envs, env, backend));
  }

  private metricsOf(c: Checked, sideOf: (env: string) => Side) {
    const envs = this.with('prometheus', [...c.baseline, ...c.candidate]).map((env) => ({
      env,
      side: sideOf(env),
    }));
    const signals = [...new Set([...ALWAYS_FETCHED, ...c.signals])];
    return gatherMetrics(this.deps, {
      service: c.service,
      envs,
      range: c.range,
      signals,
      ...(c.signal ? { signal: c.signal } : {}),
    });
  }

  private async operationsOf(
    c: Checked,
  ): Promise<{ data: ServiceOperationStats[] | null; errors: ParallaxError[] }> {
    const envs = this.with('jaeger', [...c.baseline, ...c.candidate]);
    if (envs.length === 0) return { data: null, errors: [] };
    const range = { startMs: c.range.start, endMs: c.range.end };
    const res = await this.deps.traces.operationStats(
      c.service,
      range,
      envs,
      c.signal ? { signal: c.signal } : {},
    );
    return res;
  }

  private async logsOf(c: Checked): Promise<{ data: ErrorPatternCounts | null; errors: ParallaxError[] }> {
    const baseline = this.with('elasticsearch', c.baseline);
    const candidate = this.with('elasticsearch', c.candidate);
    if (baseline.length === 0 || candidate.length === 0) return { data: null, errors: [] };
    const res = await this.deps.logs.errorPatterns({
      service: c.service,
      baseline,
      candidate,
      range: { start: c.range.start, end: c.range.end },
      ...(c.signal ? { signal: c.signal } : {}),
    });
    return res;
  }

  /**
   * Envs lacking a backend that other compared envs have: their data is missing from the verdict as
   * surely as a failed env's. A backend no compared env has is simply not part of the comparison.
   */
  private unconfigured(c: Checked, sideOf: (env: string) => Side): MissingData[] {
    const all = [...c.baseline, ...c.candidate];
    return BACKEND_KINDS.flatMap((backend) => {
      const lacking = all.filter((env) => !hasBackend(this.deps.envs, env, backend));
      if (lacking.length === all.length) return [];
      return lacking.map((env) => ({ env, side: sideOf(env), backend, code: 'NOT_CONFIGURED' }));
    });
  }
}
