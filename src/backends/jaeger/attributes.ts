import type { AttributeValue } from './model.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An int64 as a number when exact, else as its decimal string (as Jaeger's UI JSON does). */
export function int64Value(raw: string | number): AttributeValue {
  if (typeof raw === 'number') return raw;
  const big = BigInt(raw);
  return big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : raw;
}

/** ns (decimal string or number) -> bigint; ns timestamps exceed 2^53 so they are never plain numbers. */
export function toBigNs(raw: string | number): bigint {
  return typeof raw === 'number' ? BigInt(Math.trunc(raw)) : BigInt(raw);
}

/** Timing fields derived once from ns, so every flavour fills them the same way. */
export function timing(
  startNs: bigint,
  durationNs: bigint,
): {
  startNs: string;
  startMs: number;
  durationUs: number;
  durationMs: number;
} {
  return {
    startNs: startNs.toString(),
    startMs: Number(startNs / 1000n) / 1000,
    durationUs: Number(durationNs) / 1000,
    durationMs: Number(durationNs) / 1_000_000,
  };
}
