import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Domain folders: the vocabulary (Series, Trace, LogRecord, ...) and what is built on it.
const DOMAIN = ['series', 'traces', 'logs', 'metrics', 'promql', 'signals', 'compare'];
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** file (relative to src/) -> the src files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT_RE)].map((m) =>
      relative(SRC, resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const folderOf = (file: string): string => file.split('/')[0] ?? '';
/** A concept: the top folder, or backends/<kind> for an adapter. */
const conceptOf = (file: string): string => {
  const [top, sub] = file.split('/');
  return top === 'backends' && sub && !sub.endsWith('.ts') ? `backends/${sub}` : (top ?? '');
};

/** Cycles between concepts (folders), each as a path a -> b -> ... -> a. */
function conceptCycles(graph: Map<string, string[]>): string[] {
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [a, b] = [conceptOf(file), conceptOf(target)];
      if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}

describe('import graph of src/', () => {
  const graph = importGraph();

  it('has files to check (the walker finds the sources)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('backends/prometheus/client.ts')).toContain('backends/http/index.ts');
  });

  it('has no cycle between concepts', () => {
    expect(conceptCycles(graph)).toEqual([]);
  });

  it('adapters import nothing from federation, envs or a domain folder', () => {
    const bad = [...graph].flatMap(([file, targets]) =>
      folderOf(file) === 'backends'
        ? targets
            .filter((t) => ['federation', 'envs', ...DOMAIN].includes(folderOf(t)))
            .map((t) => `${file} -> ${t}`)
        : [],
    );
    expect(bad).toEqual([]);
  });

  it('the domain reaches backends only through federation', () => {
    const bad = [...graph].flatMap(([file, targets]) =>
      DOMAIN.includes(folderOf(file))
        ? targets.filter((t) => folderOf(t) === 'backends').map((t) => `${file} -> ${t}`)
        : [],
    );
    expect(bad).toEqual([]);
  });

  // compare/ (the verdict layer) builds its own answers on top of these and is checked by its owner.
  it('has one federated result type: no other "data next to errors" shape in the signal layers', () => {
    const layers = [
      'federation',
      'metrics',
      'traces',
      'logs',
      'signals',
      'series',
      'promql',
      'envs',
      'backends',
    ];
    const shapes = [...graph.keys()].filter((file) => {
      if (!layers.includes(folderOf(file))) return false;
      const text = readFileSync(join(SRC, file), 'utf8');
      return /export (?:interface|type) \w+(?:<[^>]*>)? (?:=\s*)?\{[^}]*\berrors: (?:readonly )?ParallaxError\[\]/s.test(
        text,
      );
    });
    expect(shapes).toEqual(['federation/types.ts']);
  });
});
