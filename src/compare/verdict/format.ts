import type { Direction, Tolerance } from './types.js';

/** Compact number: 3 significant digits below 100, integers above. */
export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  return Number(value.toPrecision(3)).toString();
}

/** Prefixes '+' to the text of a positive value (negative texts already carry their '-'). */
export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** Fraction as a percentage with a sign, e.g. 0.04 -> "+4.0%". */
export function signedPercent(fraction: number): string {
  return signed(`${(fraction * 100).toFixed(1)}%`, fraction);
}

/** Error ratio as a percentage, keeping two significant digits for tiny ratios. */
export function formatRatio(ratio: number): string {
  const percent = ratio * 100;
  return percent !== 0 && Math.abs(percent) < 0.01 ? `${percent.toPrecision(2)}%` : `${percent.toFixed(2)}%`;
}

export function formatP(pValue: number): string {
  return pValue < 0.0001 ? 'p<0.0001' : `p=${Number(pValue.toPrecision(2)).toString()}`;
}

function directionSign(direction: Direction): string {
  return direction === 'increase_is_bad' ? '+' : direction === 'decrease_is_bad' ? '-' : '±';
}

/** "beyond tolerance +2 / +2%" or "no tolerance set"; unit formats the absolute form (e.g. as pp). */
export function describeTolerance(
  tolerance: Tolerance | undefined,
  direction: Direction,
  beyond: boolean,
  unit: (absolute: number) => string = formatNumber,
): string {
  const sign = directionSign(direction);
  const parts: string[] = [];
  if (tolerance?.absolute !== undefined) parts.push(`${sign}${unit(tolerance.absolute)}`);
  if (tolerance?.relative !== undefined) parts.push(`${sign}${formatNumber(tolerance.relative * 100)}%`);
  return parts.length === 0
    ? 'no tolerance set'
    : `${beyond ? 'beyond' : 'within'} tolerance ${parts.join(' / ')}`;
}
