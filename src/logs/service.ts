import type { LogFilter, LogLevel } from '../backends/elasticsearch/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { badInput, ParallaxError } from '../errors/index.js';
import type { EnvValue, Federated, Federation } from '../federation/index.js';
import { alignRange, validateRange } from '../time/index.js';
import { LogBackends } from './backends.js';
import { decodeCursor, encodeCursor, queryFingerprint, type CursorState } from './cursor.js';
import { mergeNewestFirst, type EnvPage } from './merge.js';
import { minePatterns, newPatterns, type LogLine, type MinedPattern } from './patterns/index.js';
import { sampleEnvs, toErrorPatternCounts, type EnvLines } from './sampling.js';
import type {
  EnvPatterns,
  ErrorPatternCounts,
  ErrorPatternsRequest,
  LogPage,
  LogPatternsRequest,
  LogResult,
  LogSearchRequest,
  LogServiceOptions,
  LogVolume,
  LogVolumeRequest,
  LogWindow,
  NewLogPatterns,
  NewLogPatternsRequest,
} from './types.js';

const DEFAULTS: LogServiceOptions = {
  maxLimit: 1000,
  defaultLimit: 100,
  patternSampleCap: 10_000,
  defaultPatternLimit: 50,
};
const ERROR_LEVELS: readonly LogLevel[] = ['warn', 'error', 'fatal'];
const MAX_TRACE_IDS = 100;

/**
 * Logs of a service across envs: search (paged), volume per level over time, patterns and
 * patterns new in candidate envs. Every method fans out through the one Federation and returns
 * the healthy envs' data next to one typed error per failed env.
 */
export class LogService {
  private readonly opts: LogServiceOptions;
  private readonly backends: LogBackends;

  constructor(
    private readonly envs: EnvRegistry,
    private readonly federation: Federation,
    opts: Partial<LogServiceOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    this.backends = new LogBackends(envs);
  }

  get options(): Readonly<LogServiceOptions> {
    return this.opts;
  }

  /** Newest lines first across envs; pass `cursor` from the previous page for the next one. */
  async search(req: LogSearchRequest): Promise<LogResult<LogPage>> {
    const limit = this.checkLimit(req.limit);
    const envs = this.select(req.envs, 'envs');
    const text = req.text?.trim() ?? '';
    const query = queryFingerprint({
      service: req.service,
      envs: envs.names,
      levels: req.levels ?? [],
      text,
    });
    const state: CursorState = req.cursor
      ? decodeCursor(req.cursor, query)
      : { query, window: checkWindow(req.range), positions: {} };
    const filter = this.filter(req, state.window, text);
    const pending = envs.names.filter((env) => state.positions[env] !== false);
    const result = await this.federation.run({
      envs: pending,
      backend: 'elasticsearch',
      ...signalOf(req),
      call: async (env, signal): Promise<EnvPage> => {
        const after = state.positions[env];
        const page = { size: limit, ...(after ? { searchAfter: after } : {}) };
        const found = await this.backends.get(env).search(filter, page, signal);
        if (found.partial) throw partialAnswer(env, found.partial);
        return { env, hits: found.hits, asked: limit };
      },
    });
    const merged = mergeNewestFirst(values(result), limit, state.positions);
    const cursor = merged.more ? encodeCursor({ ...state, positions: merged.positions }) : null;
    return { data: { records: merged.records, cursor }, errors: [...envs.errors, ...result.errors] };
  }

  /** Lines per step and level; buckets cover [t, t + step) and empty ones are zeros. */
  async volume(req: LogVolumeRequest): Promise<LogResult<EnvValue<LogVolume>[]>> {
    const range = alignRange(validateRange(req.range, 'range'));
    const envs = this.select(req.envs, 'envs');
    const filter = { service: req.service, ...(req.levels ? { levels: req.levels } : {}) };
    const buckets = { start: range.start, end: range.end, step: range.step };
    const result = await this.federation.run({
      envs: envs.names,
      backend: 'elasticsearch',
      ...signalOf(req),
      call: async (env, signal): Promise<LogVolume> => ({
        step: range.step,
        buckets: await this.backends.get(env).volume(filter, buckets, signal),
      }),
    });
    return { data: result.data, errors: [...envs.errors, ...result.errors] };
  }

  /** Patterns mined per env over the newest `sampleCap` lines of the window. */
  async patterns(req: LogPatternsRequest): Promise<LogResult<EnvValue<EnvPatterns>[]>> {
    const cap = this.checkSampleCap(req.sampleCap);
    const maxTraceIds = checkMaxTraceIds(req.maxTraceIds);
    const limit = req.limit ?? this.opts.defaultPatternLimit;
    const envs = this.select(req.envs, 'envs');
    const filter = this.filter(req, checkWindow(req.range), '');
    const result = await sampleEnvs(this.federation, this.backends, envs.names, filter, cap, req.signal);
    const data = result.data.map(({ env, value }) => ({
      env,
      value: { ...value.sample, patterns: topPatterns(minePatterns(value.lines, { maxTraceIds }), limit) },
    }));
    return { data, errors: [...envs.errors, ...result.errors] };
  }

  /** Templates of the candidate envs' lines that no baseline env's template matches. */
  async newPatterns(req: NewLogPatternsRequest): Promise<LogResult<NewLogPatterns>> {
    const cap = this.checkSampleCap(req.sampleCap);
    const maxTraceIds = checkMaxTraceIds(req.maxTraceIds);
    const limit = req.limit ?? this.opts.defaultPatternLimit;
    const { baseline, candidate, errors } = this.selectSides(req.baseline, req.candidate);
    const filter = this.filter(req, checkWindow(req.range), '');
    const result = await sampleEnvs(
      this.federation,
      this.backends,
      [...baseline, ...candidate],
      filter,
      cap,
      req.signal,
    );
    const side = (names: readonly string[]): EnvValue<EnvLines>[] =>
      result.data.filter((d) => names.includes(d.env));
    const [base, cand] = [side(baseline), side(candidate)];
    const data: NewLogPatterns = {
      baseline: base.map((d) => d.value.sample),
      candidate: cand.map((d) => d.value.sample),
      newPatterns: [],
      known: [],
    };
    const allErrors = [...errors, ...result.errors];
    if (base.length === 0 && baseline.length > 0) allErrors.push(noBaseline());
    else if (cand.length > 0) {
      const found = newPatterns({ baseline: lines(base), candidate: lines(cand), maxTraceIds });
      data.newPatterns = topPatterns(found.newPatterns, limit);
      data.known = topPatterns(found.known, limit);
    }
    return { data, errors: allErrors };
  }

  /** Warn/error/fatal patterns of the candidate envs with their counts, new ones flagged (for compare). */
  async errorPatterns(req: ErrorPatternsRequest): Promise<LogResult<ErrorPatternCounts>> {
    const result = await this.newPatterns({ ...req, levels: ERROR_LEVELS });
    return { data: toErrorPatternCounts(result.data), errors: result.errors };
  }

  /** Readiness of each env's log store (cluster health). */
  async health(envNames?: readonly string[], signal?: AbortSignal): Promise<Federated<{ status: string }>> {
    const envs = this.select(envNames, 'envs');
    const result = await this.federation.run({
      envs: envs.names,
      backend: 'elasticsearch',
      ...(signal ? { signal } : {}),
      call: (env, s) => this.backends.get(env).health(s),
    });
    return { data: result.data, errors: [...envs.errors, ...result.errors] };
  }

  async close(): Promise<void> {
    await this.backends.close();
  }

  private filter(
    req: { service: string; levels?: readonly LogLevel[] },
    window: LogWindow,
    text: string,
  ): LogFilter {
    if (req.service.trim() === '') throw badInput('service', 'must not be empty');
    return {
      service: req.service,
      start: window.start,
      end: window.end,
      ...(req.levels && req.levels.length > 0 ? { levels: req.levels } : {}),
      ...(text ? { text } : {}),
    };
  }

  /** Env names with logs; a named env without logs is reported, an unknown one is rejected. */
  private select(
    names: readonly string[] | undefined,
    field: string,
  ): { names: string[]; errors: ParallaxError[] } {
    const selected = this.envs.select(names, 'elasticsearch', field);
    const errors = (names ?? [])
      .filter((name) => !selected.includes(name))
      .map(
        (env) =>
          new ParallaxError('NOT_FOUND', `${field}: env ${env} has no logs backend`, {
            env,
            field,
            backend: 'elasticsearch',
          }),
      );
    return { names: selected, errors };
  }

  private selectSides(baselineNames: readonly string[], candidateNames: readonly string[]) {
    if (baselineNames.length === 0) throw badInput('baseline', 'name at least one env');
    if (candidateNames.length === 0) throw badInput('candidate', 'name at least one env');
    const baseline = this.select(baselineNames, 'baseline');
    const candidate = this.select(candidateNames, 'candidate');
    const both = candidate.names.find((env) => baseline.names.includes(env));
    if (both) throw badInput('candidate', `env ${both} is also a baseline env`);
    return {
      baseline: baseline.names,
      candidate: candidate.names,
      errors: [...baseline.errors, ...candidate.errors],
    };
  }

  private checkLimit(limit: number | undefined): number {
    const value = limit ?? this.opts.defaultLimit;
    if (!Number.isInteger(value) || value < 1 || value > this.opts.maxLimit) {
      throw badInput('limit', `must be an integer from 1 to ${this.opts.maxLimit}`);
    }
    return value;
  }

  private checkSampleCap(cap: number | undefined): number {
    const value = cap ?? this.opts.patternSampleCap;
    if (!Number.isInteger(value) || value < 1 || value > this.opts.patternSampleCap) {
      throw badInput('sampleCap', `must be an integer from 1 to ${this.opts.patternSampleCap}`);
    }
    return value;
  }
}

function checkWindow(range: LogWindow): LogWindow {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end))
    throw badInput('range', 'start and end must be times');
  if (range.end < range.start) throw badInput('range.end', 'end is before start');
  return { start: range.start, end: range.end };
}

function checkMaxTraceIds(n: number | undefined): number {
  const value = n ?? 5;
  if (!Number.isInteger(value) || value < 0 || value > MAX_TRACE_IDS) {
    throw badInput('maxTraceIds', `must be an integer from 0 to ${MAX_TRACE_IDS}`);
  }
  return value;
}

const signalOf = (req: { signal?: AbortSignal }): { signal?: AbortSignal } =>
  req.signal ? { signal: req.signal } : {};

const values = <T>(result: Federated<T>): T[] => result.data.map((d) => d.value);

function lines(side: readonly EnvValue<EnvLines>[]): LogLine[] {
  return side.flatMap((d) => d.value.lines);
}

function topPatterns<P extends MinedPattern>(patterns: readonly P[], limit: number): P[] {
  return [...patterns]
    .sort((a, b) => b.count - a.count || a.template.localeCompare(b.template))
    .slice(0, limit);
}

/** Some shards failed: the page would silently miss lines, so the env counts as failed. */
function partialAnswer(env: string, reason: string): ParallaxError {
  return new ParallaxError('BACKEND_ERROR', `elasticsearch of env ${env} answered partially (${reason})`, {
    env,
    backend: 'elasticsearch',
  });
}

function noBaseline(): ParallaxError {
  return new ParallaxError(
    'ALL_ENVS_FAILED',
    'baseline: no baseline env answered, so no pattern can be called new',
    {
      field: 'baseline',
      backend: 'elasticsearch',
    },
  );
}
