import { AsyncLocalStorage } from 'node:async_hooks';
import type { Grant } from './grant.js';

// The caller's grant travels with the request's async context, so the env registry (the one place
// envs are selected) enforces it for every surface without each call site passing it along.
const storage = new AsyncLocalStorage<Grant>();

export function runWithGrant<T>(grant: Grant, fn: () => T): T {
  return storage.run(grant, fn);
}

/** The grant of the request being served; undefined outside any request. */
export function currentGrant(): Grant | undefined {
  return storage.getStore();
}
