import { ParallaxError } from '../../errors/index.js';
import type { HttpTarget } from '../http/index.js';
import type { JaegerClient } from './client.js';
import { LegacyJaeger } from './legacy.js';
import type { DependencyLink, Operation, TraceSpans, TraceQuery } from './model.js';
import { V3Jaeger } from './v3.js';

/**
 * `api: auto`: probes api_v3 once and remembers the flavour; forgets it after a failed call so the
 * next call probes again (the env may have been upgraded or rolled back meanwhile).
 */
export class AutoJaeger implements JaegerClient {
  private readonly v3: V3Jaeger;
  private readonly legacy: LegacyJaeger;
  private chosen: Promise<JaegerClient> | undefined;

  constructor(target: HttpTarget) {
    this.v3 = new V3Jaeger(target);
    this.legacy = new LegacyJaeger(target);
  }

  /** The flavour in use, once probed (for diagnostics and tests). */
  async flavour(signal?: AbortSignal): Promise<'v3' | 'legacy'> {
    return (await this.pick(signal)) === this.v3 ? 'v3' : 'legacy';
  }

  services(signal?: AbortSignal): Promise<string[]> {
    return this.with(signal, (c) => c.services(signal));
  }

  operations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    return this.with(signal, (c) => c.operations(service, signal));
  }

  searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<TraceSpans[]> {
    return this.with(signal, (c) => c.searchTraces(query, signal));
  }

  getTrace(traceId: string, signal?: AbortSignal): Promise<TraceSpans | null> {
    return this.with(signal, (c) => c.getTrace(traceId, signal));
  }

  dependencies(endMs: number, lookbackMs: number, signal?: AbortSignal): Promise<DependencyLink[]> {
    return this.with(signal, (c) => c.dependencies(endMs, lookbackMs, signal));
  }

  private async with<T>(
    signal: AbortSignal | undefined,
    call: (client: JaegerClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.pick(signal);
    try {
      return await call(client);
    } catch (err) {
      this.chosen = undefined;
      throw err;
    }
  }

  private pick(signal: AbortSignal | undefined): Promise<JaegerClient> {
    this.chosen ??= this.probe(signal).catch((err: unknown) => {
      this.chosen = undefined;
      throw err;
    });
    return this.chosen;
  }

  /** v3 when /api/v3/services answers in shape; legacy when the server answers but not as api_v3. */
  private async probe(signal: AbortSignal | undefined): Promise<JaegerClient> {
    try {
      await this.v3.services(signal);
      return this.v3;
    } catch (err) {
      if (
        err instanceof ParallaxError &&
        (err.code === 'BACKEND_INVALID_RESPONSE' || err.code === 'BACKEND_BAD_DATA')
      ) {
        return this.legacy;
      }
      throw err;
    }
  }
}
