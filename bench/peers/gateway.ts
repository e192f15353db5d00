/** A federating process under test: where to send queries, and its pid for memory readings. */
export interface Gateway {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** One env as a federating gateway sees it: a name and one Prometheus, or several for an HA group. */
export interface EnvTarget {
  name: string;
  urls: readonly string[];
}
