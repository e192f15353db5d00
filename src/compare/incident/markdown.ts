import type { MigrationRow } from '../model/index.js';
import type { EnvRed, IncidentContext, RedWindow, TraceRef } from './types.js';

const dash = '–';
const num = (v: number | null, digits = 1): string => (v === null ? dash : v.toFixed(digits));
const pct = (v: number | null): string => (v === null ? dash : `${(v * 100).toFixed(2)}%`);
const int = (v: number | null): string => (v === null ? dash : Math.round(v).toLocaleString('en-US'));
/** Table cells must not break the table: pipes escaped, newlines flattened. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function redCells(w: RedWindow | null): string[] {
  return [
    num(w?.requestRate ?? null, 2),
    pct(w?.errorRatio ?? null),
    num(w?.p50Ms ?? null),
    num(w?.p99Ms ?? null),
  ];
}

function redSection(rows: EnvRed[]): string[] {
  const head = [
    'env',
    'side',
    'req/s before',
    'errors before',
    'p50 ms before',
    'p99 ms before',
    'req/s after',
    'errors after',
    'p50 ms after',
    'p99 ms after',
  ];
  return [
    '## RED per env, before / after T',
    '',
    ...table(
      head,
      rows.map((r) => [r.env, r.side, ...redCells(r.before), ...redCells(r.after)]),
    ),
  ];
}

function migrationSection(rows: MigrationRow[]): string[] {
  const head = [
    'env',
    'side',
    'avg req/s',
    'peak req/s',
    'successes',
    'errors',
    'fail rate',
    'p50 ms',
    'p99 ms',
  ];
  const body = rows.map((r) => [
    r.env,
    r.side,
    num(r.avgThroughput, 2),
    num(r.peakThroughput, 2),
    int(r.successes),
    int(r.errors),
    pct(r.failureRate),
    num(r.p50Ms),
    num(r.p99Ms),
  ]);
  return ['## Migration table (verdict window)', '', ...table(head, body)];
}

function traceSection(title: string, traces: TraceRef[]): string[] {
  if (traces.length === 0) return [`## ${title}`, '', '_none_'];
  const body = traces.map((t) => [
    `\`${t.traceId}\``,
    t.envs.join(', '),
    t.rootOperation,
    num(t.durationMs),
    String(t.errorCount),
    t.links.map((l) => `[${l.env}](${l.url})`).join(' ') || dash,
  ]);
  return [`## ${title}`, '', ...table(['trace', 'env', 'operation', 'ms', 'errors', 'link'], body)];
}

function headline(ctx: IncidentContext): string[] {
  const v = ctx.verdict;
  const score = v.score === null ? '' : ` (score ${Math.round(v.score)})`;
  return [
    `# Incident context: ${ctx.service} at ${ctx.at}`,
    '',
    `**Verdict: ${v.verdict.toUpperCase()}**${score} — ${v.reason}`,
    '',
    `Baseline ${ctx.baseline.join(', ')} vs candidate ${ctx.candidate.join(', ')}; verdict window ${v.window.start} – ${v.window.end}; RED windows of ${ctx.windowSeconds / 60} min.`,
  ];
}

function culpritSection(ctx: IncidentContext): string[] {
  const list = ctx.verdict.culprits;
  return [
    '## Culprits',
    '',
    ...(list.length === 0 ? ['_none_'] : list.map((c) => `${c.rank}. ${c.summary}`)),
  ];
}

function signalSection(ctx: IncidentContext): string[] {
  return ['## Signals', '', ...ctx.verdict.signals.map((s) => `- **${s.verdict}** ${s.reason}`)];
}

function patternSection(ctx: IncidentContext): string[] {
  const title = '## New or grown error log patterns';
  if (ctx.newLogPatterns.length === 0) return [title, '', '_none_'];
  const items = ctx.newLogPatterns.flatMap((p) => {
    const envs = Object.entries(p.countByEnv)
      .map(([env, n]) => `${env} ${n}`)
      .join(', ');
    const traces = p.traceIds.length > 0 ? ` — traces ${p.traceIds.map((t) => `\`${t}\``).join(', ')}` : '';
    const kind = p.isNew ? 'new' : 'grew per request';
    return [
      `- **${p.verdict}** \`${p.template}\` x${p.count}, ${kind} (${envs})${traces}`,
      `  - e.g. \`${cell(p.example)}\``,
    ];
  });
  return [title, '', ...items];
}

function errorLinesSection(ctx: IncidentContext): string[] {
  if (ctx.recentErrors.length === 0) return ['## Recent error lines', '', '_none_'];
  return [
    '## Recent error lines',
    '',
    '```',
    ...ctx.recentErrors.map((l) => `${l.time} ${l.env} ${l.level} ${l.message.replace(/\n/g, ' ')}`),
    '```',
  ];
}

function partialSection(ctx: IncidentContext): string[] {
  if (ctx.errors.length === 0) return [];
  return [
    '## Partial answer',
    '',
    ...ctx.errors.map((e) => `- ${e.env ?? 'gateway'} ${e.backend ?? ''}: ${e.code} ${e.message}`),
  ];
}

/** The incident context for a human or a ticket. */
export function incidentMarkdown(ctx: IncidentContext): string {
  const sections = [
    headline(ctx),
    culpritSection(ctx),
    signalSection(ctx),
    redSection(ctx.red),
    migrationSection(ctx.migration),
    patternSection(ctx),
    traceSection('Slowest traces', ctx.slowestTraces),
    traceSection('Failed traces', ctx.failedTraces),
    errorLinesSection(ctx),
    partialSection(ctx),
  ];
  return `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')}\n`;
}
