import { ElasticsearchLogs } from '../backends/elasticsearch/index.js';
import type { EnvRegistry } from '../envs/index.js';
import { ParallaxError } from '../errors/index.js';

/** One Elasticsearch connection per env, created on first use from the env's config only. */
export class LogBackends {
  private readonly byEnv = new Map<string, ElasticsearchLogs>();

  constructor(private readonly envs: EnvRegistry) {}

  get(name: string): ElasticsearchLogs {
    const existing = this.byEnv.get(name);
    if (existing) return existing;
    const created = this.create(name);
    this.byEnv.set(name, created);
    return created;
  }

  async close(): Promise<void> {
    const all = [...this.byEnv.values()];
    this.byEnv.clear();
    await Promise.all(all.map((backend) => backend.close()));
  }

  private create(name: string): ElasticsearchLogs {
    const logs = this.envs.get(name).logs;
    if (!logs)
      throw new ParallaxError('NOT_FOUND', `env ${name} has no logs backend`, {
        env: name,
        backend: 'elasticsearch',
      });
    const targets = this.envs.targets(name, 'elasticsearch');
    const first = targets[0];
    if (!first)
      throw new ParallaxError('CONFIG_INVALID', `env ${name}: logs has no url`, {
        env: name,
        backend: 'elasticsearch',
      });
    return new ElasticsearchLogs({
      env: name,
      urls: targets.map((t) => t.baseUrl),
      index: logs.index,
      version: logs.version,
      fields: logs.fields,
      timeoutMs: first.timeoutMs,
      headers: first.headers,
      maxResponseBytes: first.maxBytes,
      ...(logs.caFile ? { caFile: logs.caFile } : {}),
    });
  }
}
