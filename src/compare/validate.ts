import type { EnvRegistry } from '../envs/index.js';
import { badInput } from '../errors/index.js';
import type { TimeRange } from '../time/index.js';

/** Judged series beyond this many points per side say more about autocorrelation than about the service. */
export const MAX_COMPARE_POINTS = 1500;
export const MAX_SERVICE_LENGTH = 256;

export function checkService(service: string, field = 'service'): string {
  const name = service.trim();
  if (name === '') throw badInput(field, 'must not be empty');
  if (name.length > MAX_SERVICE_LENGTH)
    throw badInput(field, `must be at most ${MAX_SERVICE_LENGTH} characters`);
  return name;
}

function checkSide(envs: EnvRegistry, names: readonly string[], field: string): string[] {
  if (names.length === 0) throw badInput(field, 'name at least one env');
  envs.checkCount(names, field);
  return [...new Set(names.map((n) => envs.get(n, field).name))];
}

/** Both env sets: non-empty, known, and disjoint (an env cannot be compared with itself). */
export function checkSides(
  envs: EnvRegistry,
  baseline: readonly string[],
  candidate: readonly string[],
): { baseline: string[]; candidate: string[] } {
  const b = checkSide(envs, baseline, 'baseline');
  const c = checkSide(envs, candidate, 'candidate');
  const both = c.find((env) => b.includes(env));
  if (both) throw badInput('candidate', `env ${both} is also a baseline env`);
  return { baseline: b, candidate: c };
}

export function checkCompareRange(range: TimeRange, field = 'range'): TimeRange {
  if (!(range.end > range.start)) throw badInput(`${field}.end`, 'the window must be longer than 0');
  const points = Math.floor((range.end - range.start) / range.step) + 1;
  if (points > MAX_COMPARE_POINTS) {
    throw badInput(
      `${field}.step`,
      `${points} points per series exceeds the comparison limit of ${MAX_COMPARE_POINTS}; use a larger step or a shorter window`,
    );
  }
  return range;
}
