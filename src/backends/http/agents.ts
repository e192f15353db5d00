import { Agent } from 'undici';

// Keep-alive pools shared by every backend (one per CA): connection reuse is most of the latency budget.
// They outlive a config reload on purpose; only a pool whose CA no config uses any more is closed.
const agents = new Map<string, Agent>();

export function agentFor(ca: string | undefined): Agent {
  const key = ca ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      pipelining: 1,
      ...(ca ? { connect: { ca } } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * Closes the pools of every CA not in `inUse` (PEM texts of the live config). `close()` lets their
 * in-flight requests finish first, then their sockets go.
 */
export async function closeAgentsExcept(inUse: ReadonlySet<string>): Promise<void> {
  const stale = [...agents].filter(([ca]) => ca !== '' && !inUse.has(ca));
  for (const [ca] of stale) agents.delete(ca);
  await Promise.all(stale.map(([, agent]) => agent.close()));
}

/** Closes every pool (shutdown). */
export async function closeAllAgents(): Promise<void> {
  await closeAgentsExcept(new Set());
  const plain = agents.get('');
  agents.delete('');
  await plain?.close();
}
