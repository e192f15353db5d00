import type { BackendKind, ParallaxError } from '../errors/index.js';

/** One env's answer, tagged with the env it came from. */
export interface EnvValue<T> {
  env: string;
  value: T;
}

/** The shape every federated call returns: healthy envs' data next to one typed error per failed env. */
export interface Federated<T> {
  data: EnvValue<T>[];
  errors: ParallaxError[];
}

export type EnvCall<T> = (env: string, signal: AbortSignal) => Promise<T>;

export interface FanOutRequest<T> {
  envs: readonly string[];
  backend: BackendKind;
  call: EnvCall<T>;
  /** Overrides the configured deadline (ms) for this request. */
  deadlineMs?: number;
  /** The caller's own cancellation (client went away). */
  signal?: AbortSignal;
}
