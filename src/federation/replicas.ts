import { ParallaxError, type ErrorCode } from '../errors/index.js';

// Worth another node: the node (not the query) failed.
const NODE_FAULTS: ReadonlySet<ErrorCode> = new Set([
  'BACKEND_UNREACHABLE',
  'BACKEND_TIMEOUT',
  'BACKEND_ERROR',
  'BACKEND_INVALID_RESPONSE',
]);

const isNodeFault = (err: unknown): boolean => err instanceof ParallaxError && NODE_FAULTS.has(err.code);

/**
 * Query nodes of one env that serve the same store (Jaeger query, Elasticsearch nodes): one call at a
 * time, starting with the node that answered last; a node fault moves on to the next node. A query
 * error (bad input, not found) is the answer, not a reason to try another node.
 */
export class FailoverGroup<C> {
  private preferred = 0;

  constructor(readonly members: readonly C[]) {
    if (members.length === 0) throw new Error('a failover group needs a member');
  }

  async call<T>(fn: (member: C) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let firstError: unknown;
    for (let i = 0; i < this.members.length; i++) {
      const index = (this.preferred + i) % this.members.length;
      try {
        const value = await fn(this.members[index] as C);
        this.preferred = index;
        return value;
      } catch (err) {
        firstError ??= err;
        if (!isNodeFault(err) || signal?.aborted) throw err;
      }
    }
    throw firstError;
  }
}

/**
 * Runs one call on every replica of an HA group in parallel. The env fails only when every replica
 * fails; otherwise `merge` gets the answers and a warning names the replicas that failed.
 */
export async function onEveryReplica<C extends { baseUrl?: string }, T>(
  env: string,
  members: readonly C[],
  call: (member: C) => Promise<T>,
): Promise<{ values: T[]; warnings: string[] }> {
  if (members.length === 1) return { values: [await call(members[0] as C)], warnings: [] };
  const settled = await Promise.allSettled(members.map(call));
  const values: T[] = [];
  const warnings: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') values.push(s.value);
    else warnings.push(`env ${env}: replica ${i} failed: ${(s.reason as Error).message}`);
  });
  if (values.length === 0) {
    const first = settled[0];
    throw first?.status === 'rejected'
      ? (first.reason as unknown)
      : new ParallaxError('BACKEND_ERROR', 'no replica answered');
  }
  return { values, warnings };
}
