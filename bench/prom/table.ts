/** The bench's output: one markdown table, every figure also as a ratio to direct Prometheus. */
import { round } from '../stats.js';
import type { Verdict } from './checks.js';
import type { Memory, Stat } from './measure.js';

const x = (v: number, base: number | undefined): string => (base ? `${round(v / base, 2)}x` : '-');

export function statsTable(rows: Record<string, Record<string, Stat>>): string {
  const lines = [
    '| case | contender | p50 ms | p50 vs direct | p99 ms | p99 vs direct | req/s (c=8) | req/s vs direct | failed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [row, stats] of Object.entries(rows)) {
    const d = stats.direct;
    for (const [who, s] of Object.entries(stats)) {
      lines.push(
        `| ${row} | ${who} | ${s.p50} | ${x(s.p50, d?.p50)} | ${s.p99} | ${x(s.p99, d?.p99)} | ${s.rps} | ${x(s.rps, d?.rps)} | ${s.failed} |`,
      );
    }
  }
  return lines.join('\n');
}

export function memoryTable(mem: Record<string, Memory>, what: string): string {
  const lines = [
    `| process (${what}) | idle RSS MB | peak RSS before load MB | peak RSS under load MB | failed queries | took ms | first failure |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [who, m] of Object.entries(mem))
    lines.push(
      `| ${who} | ${m.idleMb} | ${m.startupPeakMb} | ${m.peakMb} | ${m.failed} | ${m.ms} | ${m.firstError || '-'} |`,
    );
  return lines.join('\n');
}

export function checksTable(checks: Record<string, Record<string, Verdict>>): string {
  const lines = [
    '| check | contender | vs the same gateway over one complete Prometheus (HA merge error) | vs Prometheus 2.42 direct |',
    '| --- | --- | --- | --- |',
  ];
  for (const [check, byWho] of Object.entries(checks))
    for (const [who, v] of Object.entries(byWho))
      lines.push(`| ${check} | ${who} | ${v.merge} | ${v.direct} |`);
  return lines.join('\n');
}
