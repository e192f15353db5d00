import { ElasticsearchLogs } from '../backends/elasticsearch/index.js';
import { createJaegerClient, type JaegerClient } from '../backends/jaeger/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { ParallaxError } from '../errors/index.js';
import { PrometheusGroup, ResultCache, type ResultCacheOptions } from './prometheus/index.js';
import {
  DEFAULT_REPLICA_OPTIONS,
  FailoverGroup,
  type GroupOptions,
  type ReplicaOptions,
} from './replicas/index.js';
import type { BreakerReading } from '../telemetry/index.js';
import { getOrCreate } from './get-or-create.js';
import { buildTargets } from './targets.js';

/**
 * env -> backend kind -> replica group, built on first use from config only (secrets and CA files
 * are read once). Prometheus: an HA group, every replica asked. Jaeger and Elasticsearch: query
 * nodes of one store, asked one at a time with failover.
 */
export class ServerGroups {
  private readonly prom = new Map<string, PrometheusGroup>();
  private readonly jaegers = new Map<string, FailoverGroup<JaegerClient>>();
  private readonly logStores = new Map<string, FailoverGroup<ElasticsearchLogs>>();

  private readonly results: ResultCache;

  constructor(
    private readonly envs: EnvRegistry,
    cache: ResultCacheOptions = { maxPoints: 0, settleMs: 0 },
    private readonly replicas: GroupOptions = DEFAULT_REPLICA_OPTIONS,
  ) {
    this.results = new ResultCache(cache);
  }

  prometheus(env: string): PrometheusGroup {
    return getOrCreate(
      this.prom,
      env,
      () => new PrometheusGroup(env, this.targets(env, 'prometheus'), this.results, this.replicas),
    );
  }

  /** One client per node: an `auto` client remembers which API flavour its node speaks. */
  jaeger(env: string): FailoverGroup<JaegerClient> {
    return getOrCreate(this.jaegers, env, () => {
      const api = this.envs.get(env).traces?.api ?? 'auto';
      const clients = this.targets(env, 'jaeger').map((t) => createJaegerClient(t, api));
      return new FailoverGroup(clients, this.options(env, 'jaeger'));
    });
  }

  logs(env: string): FailoverGroup<ElasticsearchLogs> {
    return getOrCreate(this.logStores, env, () => {
      const cfg = this.envs.get(env).logs;
      if (!cfg) throw missing(env);
      const caFile = cfg.caFile ? { caFile: cfg.caFile } : {};
      return new FailoverGroup(
        this.targets(env, 'elasticsearch').map(
          (t) =>
            new ElasticsearchLogs({
              env,
              urls: [t.baseUrl],
              index: cfg.index,
              version: cfg.version,
              fields: cfg.fields,
              timeoutMs: t.timeoutMs,
              headers: t.headers,
              maxResponseBytes: t.maxBytes,
              ...caFile,
            }),
        ),
        this.options(env, 'elasticsearch'),
      );
    });
  }

  /** Every HA replica's and query node's breaker (groups of one node have none of their own). */
  replicaReadings(): BreakerReading[] {
    const sets = [
      ...[...this.prom.values()].map((g) => g.replicas.set),
      ...[...this.jaegers.values(), ...this.logStores.values()].map((g) => g.set),
    ];
    return sets.flatMap((s) => s.readings());
  }

  async close(): Promise<void> {
    const stores = [...this.logStores.values()].flatMap((g) => g.members);
    this.logStores.clear();
    await Promise.all([...stores.map((s) => s.close()), this.results.close()]);
  }

  private options(env: string, backend: 'jaeger' | 'elasticsearch'): ReplicaOptions {
    return { ...this.replicas, env, backend };
  }

  private targets(env: string, backend: 'prometheus' | 'jaeger' | 'elasticsearch') {
    return buildTargets(this.envs.config, env, backend);
  }
}

const missing = (env: string): ParallaxError =>
  new ParallaxError('NOT_FOUND', `env ${env} has no logs backend`, { env, backend: 'elasticsearch' });
