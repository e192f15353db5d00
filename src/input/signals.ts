import { z } from 'zod';
import { SIGNALS, type SignalName } from '../signals/index.js';

/** A signal as GraphQL spells it (LATENCY_P95), read as the domain's name (latency_p95). */
export const signalEnum = z.enum(SIGNALS.map((s) => s.toUpperCase()) as [string, ...string[]]);

/** An optional list of signals: absent = all of them. */
export const signalFilter = z.array(signalEnum).max(SIGNALS.length).nullish();

export const toSignal = (s: string): SignalName => s.toLowerCase() as SignalName;

/** The signals a filter names, all of them when it names none. */
export const signalsOrAll = (list: readonly string[] | null | undefined): SignalName[] =>
  list ? list.map(toSignal) : [...SIGNALS];
