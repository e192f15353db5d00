const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units with a chosen offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** 64-bit id from two independent 32-bit lanes: short, stable across runs and processes. */
export function templateHash(template: string): string {
  const high = fnv1a(template, 0x811c9dc5).toString(16).padStart(8, '0');
  const low = fnv1a(template, 0x050c5d1f).toString(16).padStart(8, '0');
  return high + low;
}
