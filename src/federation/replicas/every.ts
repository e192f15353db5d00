import { BrokenCircuitError } from 'cockatiel';
import { ParallaxError } from '../../errors/index.js';
import { ReplicaSet, type Replica, type ReplicaCall, type ReplicaOptions } from './replica-set.js';

export interface EveryAnswer<T> {
  values: T[];
  /** Replicas that failed, were cut or skipped: the answer lacks their data, so it is not cached. */
  warnings: string[];
}

/**
 * An HA group: every replica answers the same call (the merge needs each one's data to fill the
 * others' gaps). Once one has answered, the rest get 3x its time or 3x the group's p95, at least
 * `hedge.cutAfterMs`; a replica still silent then is cut, which counts against its breaker, so a
 * blackholed replica costs a few short waits and is then skipped until its breaker half-opens.
 */
export class HaGroup<C> {
  readonly set: ReplicaSet<C>;

  constructor(clients: readonly C[], opts: ReplicaOptions) {
    this.set = new ReplicaSet(clients, opts);
  }

  async every<T>(call: ReplicaCall<C, T>, signal: AbortSignal): Promise<EveryAnswer<T>> {
    if (this.set.size === 1) {
      return { values: [await call((this.set.replicas[0] as Replica<C>).client, signal)], warnings: [] };
    }
    const asked = this.set.replicas.filter((r) => !this.set.skipped(r));
    const cut = new Cut<C>(this.set);
    const settled = await Promise.allSettled(
      asked.map((r) => this.set.attempt(r, call, signal, cut.lost).result.then(cut.answered)),
    ).finally(cut.clear);
    return this.collect(asked, settled);
  }

  private collect<T>(asked: readonly Replica<C>[], settled: PromiseSettledResult<T>[]): EveryAnswer<T> {
    const env = this.set.opts.env;
    const values: T[] = [];
    const warnings = this.set.replicas
      .filter((r) => !asked.includes(r))
      .map((r) => `env ${env}: replica ${r.index} skipped: its breaker is half-open`);
    let firstError: Error | undefined;
    settled.forEach((s, i) => {
      const index = (asked[i] as Replica<C>).index;
      if (s.status === 'fulfilled') return void values.push(s.value);
      const skipped = s.reason instanceof BrokenCircuitError;
      if (skipped) this.set.event('skipped');
      else firstError ??= s.reason as Error;
      const why = skipped ? 'skipped: its breaker is open' : `failed: ${(s.reason as Error).message}`;
      warnings.push(`env ${env}: replica ${index} ${why}`);
    });
    if (values.length > 0) return { values, warnings };
    throw firstError ?? allOpen(env, this.set.opts.backend);
  }
}

/** Arms, on the first answer, the one timer after which the replicas still out are cut. */
class Cut<C> {
  readonly lost: Promise<never>;
  private fire!: (err: ParallaxError) => void;
  private timer: NodeJS.Timeout | undefined;
  private readonly started = performance.now();
  private first: number | undefined;

  constructor(private readonly set: ReplicaSet<C>) {
    this.lost = new Promise<never>((_, reject) => (this.fire = reject));
    // Nobody may be left listening when it fires after the last replica settled.
    this.lost.catch(() => undefined);
  }

  answered = <T>(value: T): T => {
    if (this.first !== undefined) return value;
    this.first = performance.now() - this.started;
    const wait = this.set.cutAfter(this.first);
    if (wait !== undefined) this.timer = setTimeout(() => this.expire(wait), wait);
    return value;
  };

  clear = (): void => clearTimeout(this.timer);

  private expire(wait: number): void {
    this.set.event('cut');
    const { env, backend } = this.set.opts;
    const message = `no answer ${Math.round(wait)} ms after another replica of env ${env} answered; cut`;
    this.fire(new ParallaxError('BACKEND_TIMEOUT', message, { env, backend }));
  }
}

const allOpen = (env: string, backend: ParallaxError['backend']): ParallaxError =>
  new ParallaxError(
    'CIRCUIT_OPEN',
    `every replica of env ${env} is failing; skipped until a breaker half-opens`,
    {
      env,
      ...(backend ? { backend } : {}),
    },
  );
