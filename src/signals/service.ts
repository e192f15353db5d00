import type { EnvRegistry } from '../envs/index.js';
import { combineFederated, type Federated, type Federation } from '../federation/index.js';
import type { MetricsService } from '../metrics/index.js';
import type { Series } from '../series/index.js';
import { summarize, type Summary } from '../series/index.js';
import type { TimeRange } from '../time/index.js';
import { SIGNAL_INFO, type SignalInfo, type SignalName } from './catalog.js';
import { signalQuery } from './build.js';

/** One signal of one service in one env: its PromQL, aligned series and summary. */
export interface SignalResult {
  env: string;
  signal: SignalName;
  info: SignalInfo;
  query: string;
  series: Series[];
  summary: Summary;
}

/** Every signal of every env that answered, next to the failed envs' errors. */
export type SignalsAnswer = Federated<SignalResult[]>;

/** Logical signals (RED) per env, each env expressed through its own template. */
export class SignalsService {
  constructor(
    private readonly envs: EnvRegistry,
    private readonly federation: Federation,
    private readonly metrics: MetricsService,
  ) {}

  async query(
    service: string,
    envNames: readonly string[] | null | undefined,
    signals: readonly SignalName[],
    range: TimeRange,
    signal?: AbortSignal,
  ): Promise<SignalsAnswer> {
    const sel = this.federation.select(envNames, 'prometheus', 'envs');
    const jobs = sel.envs.flatMap((env) => signals.map((s) => ({ env, s })));
    const answers = await Promise.all(
      jobs.map(async ({ env, s }) => {
        const query = signalQuery(this.envs.get(env).signals, s, service, env);
        const res = await this.metrics.range(query, range, {
          envs: [env],
          field: `signals.${s}`,
          ...(signal ? { signal } : {}),
        });
        const series = res.data.type === 'matrix' || res.data.type === 'vector' ? res.data.series : [];
        const result: SignalResult = {
          env,
          signal: s,
          info: SIGNAL_INFO[s],
          query,
          series,
          summary: summarize(series.flatMap((x) => x.points)),
        };
        return { result, res };
      }),
    );
    const results = answers.filter((a) => a.res.errors.length === 0).map((a) => a.result);
    const base: Federated<null> = { data: null, errors: sel.errors, answered: sel.envs, warnings: [] };
    return combineFederated([base, ...answers.map((a) => a.res)], results);
  }
}
