import type { Labels } from './types.js';

/** A stable identity for a label set (order-independent). */
export function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  let out = '';
  for (const k of keys) out += `${k}\u0000${labels[k]}\u0001`;
  return out;
}

/** Adds the env label; a series' own value of that label moves to `exported_<label>`. */
export function withEnvLabel(labels: Labels, envLabel: string, env: string): Labels {
  const own = labels[envLabel];
  if (own === undefined) return { ...labels, [envLabel]: env };
  return { ...labels, [`exported_${envLabel}`]: own, [envLabel]: env };
}

export function dropName(labels: Labels): Labels {
  if (!('__name__' in labels)) return labels;
  const { __name__: _name, ...rest } = labels;
  return rest;
}
