import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../../src/compare/stats/fisher.js';
import { SCENARIOS } from './catalog.js';
import type { SideFacts, Truth } from './model.js';
import { readTruth, renderTruth, truthOf, TRUTH_DIR } from './truth.js';

const truths = new Map(SCENARIOS.map((s) => [s.name, truthOf(s)]));
const truth = (name: string): Truth => {
  const t = truths.get(name);
  if (!t) throw new Error(`no scenario ${name}`);
  return t;
};
const ofClass = (c: Truth['class']): Truth[] => [...truths.values()].filter((t) => t.class === c);
const ratio = (f: SideFacts): number => f.errors / f.requests;
const lines = (f: SideFacts): number => Object.values(f.lines).reduce((a, b) => a + b, 0);

describe('the labelled scenario set', () => {
  it('has a committed truth file equal to what the generator produces, for every scenario and no other', () => {
    const files = readdirSync(TRUTH_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(SCENARIOS.map((s) => `${s.name}.json`).sort());
    for (const s of SCENARIOS) {
      // Stale? Regenerate with `npx tsx test/compare/scenarios/write-truth.ts` and review the diff.
      expect(renderTruth(readTruth(s.name)), s.name).toBe(renderTruth(truth(s.name)));
    }
  });

  it('has at least 34 scenarios, one distinct service each, and several of every class', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(34);
    expect(new Set(SCENARIOS.map((s) => s.service)).size).toBe(SCENARIOS.length);
    const classes = new Map<string, number>();
    for (const s of SCENARIOS) classes.set(s.class, (classes.get(s.class) ?? 0) + 1);
    expect(classes.get('control')).toBeGreaterThanOrEqual(4);
    for (const c of ['split', 'improvement', 'no-data', 'stall', 'async-span', 'new-log-pattern'])
      expect(classes.get(c), c).toBeGreaterThanOrEqual(2);
  });

  it('names a culprit for every FAIL and none for a no-regression class', () => {
    for (const t of truths.values()) {
      if (t.expected === 'FAIL') expect(t.culprit, t.name).toBeDefined();
      if (t.expected === 'PASS' || t.expected === 'NO_DATA') expect(t.culprit, t.name).toBeUndefined();
    }
  });

  // The labels are claims about the generated data: check the data say so.
  it('stores ~200 traces per env (at least 30 on the small side of a split) where there is traffic', () => {
    for (const t of truths.values()) {
      for (const f of [t.facts.baseline, t.facts.candidate]) {
        if (f.requests === 0) expect(f.traces, t.name).toBe(0);
        else expect(f.traces, t.name).toBeGreaterThanOrEqual(30);
      }
    }
    expect(truth('control-steady').facts.baseline.traces).toBe(200);
  });

  it('has no traffic, spans or logs on the empty side of a no-data scenario', () => {
    for (const t of ofClass('no-data')) {
      const empty = t.facts.baseline.requests === 0 ? t.facts.baseline : t.facts.candidate;
      expect(empty, t.name).toEqual({ requests: 0, errors: 0, traces: 0, lines: {} });
    }
  });

  it('writes new patterns only in the candidate, at a fraction of a percent of its requests', () => {
    for (const t of ofClass('new-log-pattern')) {
      expect(lines(t.facts.baseline), t.name).toBe(0);
      const perRequest = lines(t.facts.candidate) / t.facts.candidate.requests;
      expect(perRequest, t.name).toBeGreaterThan(0.001);
      expect(perRequest, t.name).toBeLessThan(0.006);
    }
  });

  it('grows a pattern per request while its raw counts stay about equal', () => {
    for (const t of ofClass('grown-log-pattern')) {
      const [b, c] = [t.facts.baseline, t.facts.candidate];
      expect(lines(c) / lines(b), t.name).toBeGreaterThan(0.75);
      expect(lines(c) / lines(b), t.name).toBeLessThan(1.33);
      expect(lines(c) / c.requests / (lines(b) / b.requests), t.name).toBeGreaterThan(6);
    }
  });

  it('raises the error ratio about tenfold in the error-ratio class', () => {
    for (const t of ofClass('error-ratio')) {
      const lift = ratio(t.facts.candidate) / ratio(t.facts.baseline);
      expect(lift, t.name).toBeGreaterThan(6);
    }
  });

  it('keeps the borderline error ratio doubled but not significant (a handful of errors)', () => {
    const { baseline: b, candidate: c } = truth('border-errors-1rps').facts;
    expect(ratio(c) / ratio(b)).toBeGreaterThan(1.5);
    expect(b.errors + c.errors).toBeLessThan(30);
    const table = [
      [b.errors, b.requests - b.errors],
      [c.errors, c.requests - c.errors],
    ] as const;
    expect(fisherExact(table).pValue).toBeGreaterThan(0.05);
  });

  it('keeps the borderline latency case thin: about 108 requests and 30 traces a side', () => {
    for (const f of Object.values(truth('border-latency-few').facts)) {
      expect(f.requests).toBeGreaterThan(90);
      expect(f.requests).toBeLessThan(130);
      expect(f.traces).toBe(30);
    }
  });
});
