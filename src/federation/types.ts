import type { JaegerClient } from '../backends/jaeger/index.js';
import type { BackendKind, ParallaxError } from '../errors/index.js';

/** One env's answer, tagged with the env it came from. */
export interface EnvValue<T> {
  env: string;
  value: T;
}

/** Data per env, in the order the envs were selected. */
export type PerEnv<T> = EnvValue<T>[];

/**
 * The one result of every federated call (metrics, traces, logs): the data of the envs that
 * answered next to one typed error per env (and backend) that did not, or that the caller named
 * although it lacks the backend. `data` is per env (`PerEnv<T>`) as the fan-out returns it, or the
 * domain's merge of it.
 */
export interface Federated<T> {
  data: T;
  errors: ParallaxError[];
  /** Envs whose data is in `data`; empty with errors means no env answered. */
  answered: string[];
  /** Non-fatal notes (a failed HA replica, a query evaluated per env). */
  warnings: string[];
}

/** The envs a call goes to, and the typed errors for named envs that lack the backend. */
export interface Selection {
  backend: BackendKind;
  envs: string[];
  errors: ParallaxError[];
}

/** Per call: the caller's cancellation and an optional deadline overriding the configured one. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  deadlineMs?: number | undefined;
}

export type EnvCall<C, T> = (client: C, env: string, signal: AbortSignal) => Promise<T>;

/** One Jaeger query node as the domain calls it (the failover group picks the node). */
export type TraceClient = JaegerClient;
