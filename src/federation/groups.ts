import { ElasticsearchLogs } from '../backends/elasticsearch/index.js';
import { createJaegerClient, type JaegerClient } from '../backends/jaeger/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { ParallaxError } from '../errors/index.js';
import { PrometheusGroup, ResultCache, type ResultCacheOptions } from './prometheus/index.js';
import { FailoverGroup } from './replicas.js';
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
  ) {
    this.results = new ResultCache(cache);
  }

  prometheus(env: string): PrometheusGroup {
    return cached(
      this.prom,
      env,
      () => new PrometheusGroup(env, this.targets(env, 'prometheus'), this.results),
    );
  }

  /** One client per node: an `auto` client remembers which API flavour its node speaks. */
  jaeger(env: string): FailoverGroup<JaegerClient> {
    return cached(this.jaegers, env, () => {
      const api = this.envs.get(env).traces?.api ?? 'auto';
      return new FailoverGroup(this.targets(env, 'jaeger').map((t) => createJaegerClient(t, api)));
    });
  }

  logs(env: string): FailoverGroup<ElasticsearchLogs> {
    return cached(this.logStores, env, () => {
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
      );
    });
  }

  async close(): Promise<void> {
    const stores = [...this.logStores.values()].flatMap((g) => g.members);
    this.logStores.clear();
    await Promise.all([...stores.map((s) => s.close()), this.results.close()]);
  }

  private targets(env: string, backend: 'prometheus' | 'jaeger' | 'elasticsearch') {
    return buildTargets(this.envs.config, env, backend);
  }
}

function cached<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

const missing = (env: string): ParallaxError =>
  new ParallaxError('NOT_FOUND', `env ${env} has no logs backend`, { env, backend: 'elasticsearch' });
