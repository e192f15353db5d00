import { prng } from '../../harness/random.js';
import { BASE_LOGS, FAILED_REQUEST_LOG } from './catalog.js';
import type { LogLevel, LogPattern, Scenario, SideKey } from './model.js';
import { LEAD_IN_MIN, MINUTE_MS, sideSeed } from './time.js';

export interface ScenarioLogLine {
  time: number;
  level: LogLevel;
  message: string;
}

type Rand = () => number;

/** Poisson draw: Knuth's product method for small means, a rounded normal for large ones. */
function poisson(rand: Rand, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const z = Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  for (let prod = rand(); prod > limit; prod *= rand()) k++;
  return k;
}

const fill = (template: string, rand: Rand): string =>
  template.replace(/\{n\}/g, () => String(1 + Math.floor(rand() * 999)));

/** A side's patterns: its own list plus one line per failed request. */
function patternsOf(s: Scenario, key: SideKey): LogPattern[] {
  const p = s[key];
  return [...p.logs, { template: FAILED_REQUEST_LOG, level: 'error', perRequest: p.errorRatio }];
}

/**
 * ECS log lines of a scenario in one env: per minute, each pattern's count is a Poisson draw with mean
 * requests x per-request rate, so log volume follows traffic (and stops with it).
 */
export function sideLogs(s: Scenario, key: SideKey, t0: number): ScenarioLogLine[] {
  const p = s[key];
  if (p.presence === 'absent') return [];
  const rand = prng(sideSeed(s.seed, key) ^ 0x10c5);
  const lines: ScenarioLogLine[] = [];
  for (let m = -LEAD_IN_MIN; m < 60; m++) {
    const requests = p.rps(m + 0.5) * 60;
    for (const pattern of patternsOf(s, key)) {
      const count = poisson(rand, requests * pattern.perRequest);
      for (let i = 0; i < count; i++) {
        const time = t0 + Math.floor((m + rand()) * MINUTE_MS);
        lines.push({ time, level: pattern.level, message: fill(pattern.template, rand) });
      }
    }
  }
  return lines;
}

const BASE = new Set([...BASE_LOGS.map((l) => l.template), FAILED_REQUEST_LOG]);

/** Lines inside the hour of the scenario's own patterns (not the base ones), by template. */
export function ownLineCounts(s: Scenario, key: SideKey): Record<string, number> {
  const out: Record<string, number> = {};
  const own = s[key].logs.filter((l) => !BASE.has(l.template));
  if (own.length === 0) return out;
  const t0 = 0;
  const lines = sideLogs(s, key, t0).filter((l) => l.time >= t0);
  for (const pattern of own) {
    const re = new RegExp(
      `^${pattern.template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{n\\\}/g, '\\d+')}$`,
    );
    out[pattern.template] = lines.filter((l) => re.test(l.message)).length;
  }
  return out;
}
