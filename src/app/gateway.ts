import type { Config } from '../config/index.js';
import { ByteBudget, closeAgentsExcept, closeAllAgents, withBufferBudgets } from '../backends/http/index.js';
import { BACKEND_KINDS } from '../errors/index.js';
import { buildTargets } from '../federation/index.js';
import { GatewayMetrics, type Logger } from '../telemetry/index.js';
import { carriedBreakers } from './carry-over.js';
import { createApp, type App, type Lifecycle } from './create-app.js';

/** One config's app and how many requests it is serving; retired (closed) once they are done. */
class Generation {
  private inFlight = 0;
  private idle: (() => void) | undefined;

  constructor(
    readonly config: Config,
    readonly app: App,
  ) {}

  enter(): void {
    this.inFlight++;
  }

  leave(): void {
    if (--this.inFlight === 0) this.idle?.();
  }

  /** Resolves when no request is in flight, or after `maxMs` (requests are bounded by the deadline anyway). */
  drained(maxMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** PEM texts of every CA the config's HTTP backends use (their keep-alive pools stay open). */
function casInUse(app: App): Set<string> {
  const cas = new Set<string>();
  for (const name of app.services.envs.names()) {
    for (const backend of BACKEND_KINDS.filter((b) => b !== 'elasticsearch')) {
      try {
        const env = app.services.envs.get(name);
        if (!app.services.envs.hasBackend(env, backend)) continue;
        for (const t of buildTargets(app.services.envs.config, name, backend)) if (t.ca) cas.add(t.ca);
      } catch {
        // An unreadable caFile fails that env's calls; it has no pool to keep.
      }
    }
  }
  return cas;
}

// Time a retired config gets beyond its deadline for calls that ignore their abort signal.
const DRAIN_GRACE_MS = 5000;

/**
 * The running gateway across config reloads. The gateway's own metrics (prom-client registry, with
 * Node's process metrics registered once) and the breakers of unchanged envs live across reloads;
 * each reload's old clients (Elasticsearch clients, keep-alive pools of CAs no longer used) are
 * closed once the requests they serve have finished.
 */
export class Gateway {
  readonly telemetry: GatewayMetrics;
  private gen: Generation;
  private readonly globalBudget: ByteBudget;
  private readonly retiring = new Set<Promise<void>>();

  constructor(
    config: Config,
    private readonly opts: { logger?: Logger; defaultMetrics?: boolean; lifecycle?: Lifecycle } = {},
  ) {
    this.telemetry = new GatewayMetrics(opts.defaultMetrics ?? false);
    this.globalBudget = new ByteBudget(config.federation.maxBufferedBytes);
    this.gen = new Generation(config, this.build(config));
  }

  /** The app of the current config. */
  get current(): App {
    return this.gen.app;
  }

  /** Serves one request with the config current when it arrived, under its buffer budgets. */
  readonly fetch = async (req: Request): Promise<Response> => {
    const gen = this.gen;
    gen.enter();
    const budgets = {
      request: new ByteBudget(gen.config.federation.maxRequestBufferBytes),
      global: this.globalBudget,
    };
    try {
      return await withBufferBudgets(budgets, () => gen.app.app.fetch(req));
    } finally {
      gen.leave();
    }
  };

  /** Swaps in a new (validated) config; the old one is closed in the background once drained. */
  reload(config: Config): void {
    const old = this.gen;
    const breakers = carriedBreakers(old.config, config, old.app.services.federation);
    this.gen = new Generation(config, this.build(config, breakers));
    this.globalBudget.limit = config.federation.maxBufferedBytes;
    this.retire(old);
  }

  /** Waits for every retired config to be closed (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.retiring.size > 0) await Promise.all([...this.retiring]);
  }

  /** Shutdown: closes the current config's clients too, and every keep-alive pool. */
  async close(): Promise<void> {
    this.retire(this.gen);
    await this.settled();
    await closeAllAgents();
  }

  private build(config: Config, breakers?: ReturnType<typeof carriedBreakers>): App {
    return createApp(config, {
      telemetry: this.telemetry,
      ...(this.opts.logger ? { logger: this.opts.logger } : {}),
      ...(this.opts.lifecycle ? { lifecycle: this.opts.lifecycle } : {}),
      ...(breakers ? { breakers } : {}),
    });
  }

  private retire(gen: Generation): void {
    const done = gen
      .drained(gen.config.federation.deadline + DRAIN_GRACE_MS)
      .then(() => gen.app.services.logs.close())
      .then(() => closeAgentsExcept(casInUse(this.gen.app)))
      .catch((err: unknown) => this.opts.logger?.warn({ err }, 'closing the previous config failed'))
      .finally(() => this.retiring.delete(done));
    this.retiring.add(done);
  }
}
