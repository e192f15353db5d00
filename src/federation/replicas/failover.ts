import { BrokenCircuitError } from 'cockatiel';
import {
  isNodeFault,
  ReplicaSet,
  type Replica,
  type ReplicaCall,
  type ReplicaOptions,
} from './replica-set.js';

const movesOn = (err: unknown): boolean => isNodeFault(err) || err instanceof BrokenCircuitError;

/**
 * Query nodes of one env that serve the same store (Jaeger query, Elasticsearch nodes): the node
 * that answered last is asked first; a node fault moves on at once, and a node still silent after
 * the group's p95 gets a hedge (the next node asked too, the first answer wins, the other is
 * aborted). A node whose breaker is open is skipped. A query error (bad input, not found) is the
 * answer, not a reason to ask another node.
 */
export class FailoverGroup<C> {
  readonly set: ReplicaSet<C>;
  private preferred = 0;

  constructor(clients: readonly C[], opts: ReplicaOptions) {
    this.set = new ReplicaSet(clients, opts);
  }

  get members(): readonly C[] {
    return this.set.replicas.map((r) => r.client);
  }

  call<T>(fn: ReplicaCall<C, T>, signal: AbortSignal): Promise<T> {
    if (this.set.size === 1) return fn((this.set.replicas[0] as Replica<C>).client, signal);
    return new Race(this.set, this.order(), fn, signal, (winner) => (this.preferred = winner)).run();
  }

  private order(): Replica<C>[] {
    const n = this.set.size;
    // A node whose breaker is open throws at once when asked, so the order needs no other rule.
    return this.set.replicas.map((_, i) => this.set.replicas[(this.preferred + i) % n] as Replica<C>);
  }
}

/** One hedged failover call: at most one node started per fault or per p95 of silence. */
class Race<C, T> {
  private next = 0;
  private running = 0;
  private done = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly aborts: (() => void)[] = [];
  private readonly errors: unknown[] = [];
  private resolve!: (value: T) => void;
  private reject!: (err: unknown) => void;

  constructor(
    private readonly set: ReplicaSet<C>,
    private readonly order: readonly Replica<C>[],
    private readonly fn: ReplicaCall<C, T>,
    private readonly signal: AbortSignal,
    private readonly won: (index: number) => void,
  ) {}

  run(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.launch();
    });
  }

  private launch(): boolean {
    // A half-open node's trial is in flight: waiting on its verdict would stall this call.
    while (this.next < this.order.length - 1 && this.set.skipped(this.order[this.next] as Replica<C>))
      this.next++;
    const r = this.order[this.next];
    if (this.done || !r) return false;
    this.next++;
    this.running++;
    const { result, abort } = this.set.attempt(r, this.fn, this.signal);
    this.aborts.push(abort);
    this.armHedge();
    result.then(
      (value) => {
        this.won(r.index);
        this.finish(() => this.resolve(value));
      },
      (err: unknown) => this.failed(err),
    );
    return true;
  }

  private failed(err: unknown): void {
    this.running--;
    this.errors.push(err);
    if (!movesOn(err) || this.signal.aborted) return this.finish(() => this.reject(err));
    if (!this.launch() && this.running === 0) this.finish(() => this.reject(this.firstError()));
  }

  private armHedge(): void {
    clearTimeout(this.timer);
    const after = this.set.hedgeAfter();
    if (after === undefined || this.next >= this.order.length) return;
    this.timer = setTimeout(() => {
      this.set.event('hedged');
      this.launch();
    }, after);
  }

  private finish(settle: () => void): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    for (const abort of this.aborts) abort();
    settle();
  }

  // A skipped node (breaker open) says less than the fault of a node that was asked.
  private firstError(): unknown {
    return this.errors.find((e) => !(e instanceof BrokenCircuitError)) ?? this.errors[0];
  }
}
