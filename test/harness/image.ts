import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The glibc mmap threshold the image runs the gateway with (Dockerfile ENV). Tests, the soak and the
 * benches start gateways with it, so what they measure is the gateway as deployed.
 */
export function imageMmapThreshold(): string {
  const dockerfile = readFileSync(fileURLToPath(new URL('../../Dockerfile', import.meta.url)), 'utf8');
  const found = /MALLOC_MMAP_THRESHOLD_=(\d+)/.exec(dockerfile);
  if (!found?.[1]) throw new Error('the Dockerfile sets no MALLOC_MMAP_THRESHOLD_');
  return found[1];
}
