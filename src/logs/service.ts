import type { LogFilter, LogLevel } from './model.js';
import { badInput, ParallaxError } from '../errors/index.js';
import {
  mapData,
  valuesOf,
  type EnvValue,
  type Federated,
  type Federation,
  type PerEnv,
  type Selection,
} from '../federation/index.js';
import { alignRange, validateRange } from '../time/index.js';
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

  constructor(
    private readonly federation: Federation,
    opts: Partial<LogServiceOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  get options(): Readonly<LogServiceOptions> {
    return this.opts;
  }

  /** Newest lines first across envs; pass `cursor` from the previous page for the next one. */
  async search(req: LogSearchRequest): Promise<Federated<LogPage>> {
    const limit = this.checkLimit(req.limit);
    const envs = this.federation.select(req.envs, 'elasticsearch', 'envs');
    const text = req.text?.trim() ?? '';
    const query = queryFingerprint({
      service: req.service,
      envs: envs.envs,
      levels: req.levels ?? [],
      text,
    });
    const state: CursorState = req.cursor
      ? decodeCursor(req.cursor, query)
      : { query, window: checkWindow(req.range), positions: {} };
    const filter = this.filter(req, state.window, text);
    const pending = { ...envs, envs: envs.envs.filter((env) => state.positions[env] !== false) };
    const result = await this.federation.logs(
      pending,
      async (store, env, signal): Promise<EnvPage> => {
        const after = state.positions[env];
        const page = { size: limit, ...(after ? { searchAfter: after } : {}) };
        const found = await store.search(filter, page, signal);
        if (found.partial) throw partialAnswer(env, found.partial);
        return { env, hits: found.hits, asked: limit };
      },
      signalOf(req),
    );
    const merged = mergeNewestFirst(valuesOf(result), limit, state.positions);
    const cursor = merged.more ? encodeCursor({ ...state, positions: merged.positions }) : null;
    return mapData(result, () => ({ records: merged.records, cursor }));
  }

  /** Lines per step and level; buckets cover [t, t + step) and empty ones are zeros. */
  async volume(req: LogVolumeRequest): Promise<Federated<PerEnv<LogVolume>>> {
    const range = alignRange(validateRange(req.range, 'range'));
    const envs = this.federation.select(req.envs, 'elasticsearch', 'envs');
    const filter = { service: req.service, ...(req.levels ? { levels: req.levels } : {}) };
    const buckets = { start: range.start, end: range.end, step: range.step };
    return this.federation.logs(
      envs,
      async (store, _env, signal): Promise<LogVolume> => ({
        step: range.step,
        buckets: await store.volume(filter, buckets, signal),
      }),
      signalOf(req),
    );
  }

  /** Patterns mined per env over the newest `sampleCap` lines of the window. */
  async patterns(req: LogPatternsRequest): Promise<Federated<PerEnv<EnvPatterns>>> {
    const cap = this.checkSampleCap(req.sampleCap);
    const maxTraceIds = checkMaxTraceIds(req.maxTraceIds);
    const limit = req.limit ?? this.opts.defaultPatternLimit;
    const envs = this.federation.select(req.envs, 'elasticsearch', 'envs');
    const filter = this.filter(req, checkWindow(req.range), '');
    const result = await sampleEnvs(this.federation, envs, filter, cap, req.signal);
    return mapData(result, (data) =>
      data.map(({ env, value }) => ({
        env,
        value: { ...value.sample, patterns: topPatterns(minePatterns(value.lines, { maxTraceIds }), limit) },
      })),
    );
  }

  /** Templates of the candidate envs' lines that no baseline env's template matches. */
  async newPatterns(req: NewLogPatternsRequest): Promise<Federated<NewLogPatterns>> {
    const cap = this.checkSampleCap(req.sampleCap);
    const maxTraceIds = checkMaxTraceIds(req.maxTraceIds);
    const limit = req.limit ?? this.opts.defaultPatternLimit;
    const { baseline, candidate, both } = this.selectSides(req.baseline, req.candidate);
    const filter = this.filter(req, checkWindow(req.range), '');
    const result = await sampleEnvs(this.federation, both, filter, cap, req.signal);
    const side = (names: readonly string[]): EnvValue<EnvLines>[] =>
      result.data.filter((d) => names.includes(d.env));
    const [base, cand] = [side(baseline), side(candidate)];
    const data: NewLogPatterns = {
      baseline: base.map((d) => d.value.sample),
      candidate: cand.map((d) => d.value.sample),
      newPatterns: [],
      known: [],
    };
    const allErrors = [...result.errors];
    if (base.length === 0 && baseline.length > 0) allErrors.push(noBaseline());
    else if (cand.length > 0) {
      const found = newPatterns({ baseline: lines(base), candidate: lines(cand), maxTraceIds });
      data.newPatterns = topPatterns(found.newPatterns, limit);
      data.known = topPatterns(found.known, limit);
    }
    return { data, errors: allErrors, answered: result.answered, warnings: result.warnings };
  }

  /** Warn/error/fatal patterns of the candidate envs with their counts, new ones flagged (for compare). */
  async errorPatterns(req: ErrorPatternsRequest): Promise<Federated<ErrorPatternCounts>> {
    const result = await this.newPatterns({ ...req, levels: ERROR_LEVELS });
    return mapData(result, toErrorPatternCounts);
  }

  /** Readiness of each env's log store (cluster health). */
  async health(
    envNames?: readonly string[],
    signal?: AbortSignal,
  ): Promise<Federated<PerEnv<{ status: string }>>> {
    const envs = this.federation.select(envNames, 'elasticsearch', 'envs');
    return this.federation.logs(envs, (store, _env, s) => store.health(s), { signal });
  }

  /** Closes the log stores' connections (they belong to the federation's server groups). */
  async close(): Promise<void> {
    await this.federation.close();
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

  private selectSides(baselineNames: readonly string[], candidateNames: readonly string[]) {
    if (baselineNames.length === 0) throw badInput('baseline', 'name at least one env');
    if (candidateNames.length === 0) throw badInput('candidate', 'name at least one env');
    const baseline = this.federation.select(baselineNames, 'elasticsearch', 'baseline');
    const candidate = this.federation.select(candidateNames, 'elasticsearch', 'candidate');
    const shared = candidate.envs.find((env) => baseline.envs.includes(env));
    if (shared) throw badInput('candidate', `env ${shared} is also a baseline env`);
    const both: Selection = {
      backend: 'elasticsearch',
      envs: [...baseline.envs, ...candidate.envs],
      errors: [...baseline.errors, ...candidate.errors],
    };
    return { baseline: baseline.envs, candidate: candidate.envs, both };
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
