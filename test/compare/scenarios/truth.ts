import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from './catalog.js';
import { sideSamples, TEMPLATE_OF, windowCounts } from './metrics.js';
import { ownLineCounts } from './logs.js';
import type { Scenario, SideFacts, SideKey, Truth } from './model.js';
import { traceCounts } from './traces.js';

export const TRUTH_DIR = join(import.meta.dirname, 'truth');

/** Any start works: the data are relative to the hour, so its facts do not depend on the clock. */
const REFERENCE_T0 = Date.UTC(2026, 0, 1);

function factsOf(s: Scenario, key: SideKey): SideFacts {
  const counts = windowCounts(sideSamples(s, key, REFERENCE_T0), TEMPLATE_OF[key], REFERENCE_T0);
  return { ...counts, traces: traceCounts(s)[key], lines: ownLineCounts(s, key) };
}

/** The truth file of a scenario, as the generator defines it. */
export function truthOf(s: Scenario): Truth {
  return {
    name: s.name,
    service: s.service,
    class: s.class,
    expected: s.expected,
    ...(s.acceptable ? { acceptable: s.acceptable } : {}),
    ...(s.culprit ? { culprit: s.culprit } : {}),
    why: s.why,
    facts: { baseline: factsOf(s, 'baseline'), candidate: factsOf(s, 'candidate') },
  };
}

export const truthFile = (name: string): string => join(TRUTH_DIR, `${name}.json`);
export const renderTruth = (t: Truth): string => `${JSON.stringify(t, null, 2)}\n`;

export function readTruth(name: string): Truth {
  return JSON.parse(readFileSync(truthFile(name), 'utf8')) as Truth;
}

/** Rewrites every truth file from the generator: `npx tsx test/compare/scenarios/write-truth.ts`. */
export function writeTruths(): number {
  for (const s of SCENARIOS) writeFileSync(truthFile(s.name), renderTruth(truthOf(s)));
  return SCENARIOS.length;
}
