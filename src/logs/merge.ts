import type { LogHit, LogRecord } from './model.js';
import type { Positions } from './cursor.js';

export interface EnvPage {
  env: string;
  hits: LogHit[];
  /** Page size asked of the env: fewer hits means the env has no more. */
  asked: number;
}

export interface Merged {
  records: LogRecord[];
  positions: Positions;
  /** True while an env that answered may have more lines. */
  more: boolean;
}

/**
 * Newest first across envs (ties: env name, then the env's own order), at most `limit`. Each env's
 * position moves to its last record taken, so the next page continues exactly there.
 */
export function mergeNewestFirst(pages: readonly EnvPage[], limit: number, previous: Positions): Merged {
  const all = pages.flatMap((page) => page.hits.map((hit, i) => ({ env: page.env, hit, i })));
  all.sort((a, b) => b.hit.record.time - a.hit.record.time || a.env.localeCompare(b.env) || a.i - b.i);
  const taken = all.slice(0, limit);
  const positions: Positions = { ...previous };
  let more = false;
  for (const page of pages) {
    const mine = taken.filter((t) => t.env === page.env);
    const last = mine.at(-1);
    const exhausted = page.hits.length < page.asked && mine.length === page.hits.length;
    if (exhausted) positions[page.env] = false;
    else if (last) positions[page.env] = last.hit.sort;
    more ||= !exhausted;
  }
  return { records: taken.map((t) => t.hit.record), positions, more };
}
