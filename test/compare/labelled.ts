import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { T0, T1 } from './data.js';
import { accepted, confusionReport, type Outcome } from './confusion.js';
import { readTruth, SCENARIOS, type Truth } from './scenarios/index.js';
import { gql } from './world.js';

export const LABELLED_COMPARE = /* GraphQL */ `
  query Labelled($service: String!, $range: TimeRangeInput!) {
    compare(service: $service, baseline: ["kr-vm"], candidate: ["kr-k8s"], range: $range) {
      verdict {
        verdict
        reason
        missing {
          env
          backend
          code
        }
      }
      signals {
        signal
        verdict
        reason
      }
      culprits {
        rank
        signal
        verdict
        env
        summary
        operation {
          operation
          spanKind
          measure
          delta
        }
        logPatterns {
          template
        }
      }
    }
  }
`;

export interface LabelledAnswer {
  compare: {
    verdict: { verdict: string; reason: string; missing: { env: string; backend: string; code: string }[] };
    signals: { signal: string; verdict: string; reason: string }[];
    culprits: {
      rank: number;
      signal: string;
      verdict: string;
      env: string | null;
      summary: string;
      operation: { operation: string; spanKind: string; measure: string; delta: number } | null;
      logPatterns: { template: string }[];
    }[];
  };
}

type Compared = LabelledAnswer['compare'];

export const LABELLED_RANGE = {
  start: new Date(T0).toISOString(),
  end: new Date(T1).toISOString(),
  step: '15s',
};

/** Is the truth's culprit among the answer's: its signal, and its operation or pattern where it has one. */
export function culpritNamed(truth: Truth, c: Compared): boolean | null {
  const want = truth.culprit;
  if (!want) return null;
  const signal = c.culprits.some((x) => x.signal === want.signal);
  const operation =
    want.operation === undefined || c.culprits.some((x) => x.operation?.operation === want.operation);
  const pattern =
    want.pattern === undefined ||
    c.culprits.some((x) => x.logPatterns.some((p) => p.template.includes(want.pattern ?? '')));
  return signal && operation && pattern;
}

/** Each backend by its name or by what it holds, whichever word the reason uses. */
const BACKENDS = [/prometheus|metric/, /jaeger|trace|span/, /elasticsearch|log/];

/** Assertions per truth: the verdict class, then the named culprit, or what a no-data answer must say. */
function assertAgainstTruth(truth: Truth, c: Compared): void {
  expect(accepted(truth), `verdict; reason: ${c.verdict.reason}`).toContain(c.verdict.verdict);
  const want = truth.culprit;
  if (want && truth.expected === 'FAIL') {
    const culprits = c.culprits.map((x) => `${x.signal} ${x.summary}`).join('\n');
    expect(
      c.culprits.map((x) => x.signal),
      culprits,
    ).toContain(want.signal);
    if (want.operation) {
      expect(
        c.culprits.map((x) => x.operation?.operation),
        culprits,
      ).toContain(want.operation);
      const traced = c.culprits.find((x) => x.signal === 'TRACE_OPERATIONS');
      if (want.signal === 'TRACE_OPERATIONS') expect(traced?.operation?.operation).toBe(want.operation);
    }
    if (want.pattern) {
      const templates = c.culprits.flatMap((x) => x.logPatterns.map((p) => p.template));
      expect(
        templates.some((t) => t.includes(want.pattern ?? '')),
        `pattern ${want.pattern} in ${JSON.stringify(templates)}`,
      ).toBe(true);
    }
  }
  if (truth.class === 'control' || truth.class === 'split' || truth.class === 'improvement') {
    expect(
      c.culprits.filter((x) => x.verdict === 'FAIL'),
      'no failing culprit',
    ).toEqual([]);
  }
  if (truth.expected === 'NO_DATA') {
    const emptySide = truth.facts.baseline.requests === 0 ? 'baseline' : 'candidate';
    const reason = c.verdict.reason.toLowerCase();
    expect(reason, 'the reason names the empty side').toContain(emptySide);
    for (const backend of BACKENDS) expect(reason, `the reason names ${backend.source}`).toMatch(backend);
  }
}

/**
 * One `it` per labelled scenario: compare through GraphQL, asserted against its committed truth. The
 * confusion table of the run is printed and written to .cache/compare-confusion.md after the last one.
 */
export function labelledSuite(appOf: () => Hono): void {
  const outcomes = new Map<string, Outcome>();

  describe('compare on the labelled scenario set (truth in test/compare/scenarios/truth)', () => {
    for (const s of SCENARIOS) {
      const truth = readTruth(s.name);
      const label = [truth.expected, truth.culprit?.signal, truth.culprit?.operation, truth.culprit?.pattern]
        .filter(Boolean)
        .join(' ');
      it(`${s.name} (${s.class}): ${label}`, async () => {
        const res = await gql<LabelledAnswer>(appOf(), LABELLED_COMPARE, {
          service: s.service,
          range: LABELLED_RANGE,
        });
        const c = res.data?.compare;
        outcomes.set(s.name, {
          truth,
          got: c ? (c.verdict.verdict as Outcome['got']) : 'ERROR',
          culpritNamed: c ? culpritNamed(truth, c) : truth.culprit ? false : null,
          topCulprit: c?.culprits[0] ? `${c.culprits[0].signal}: ${c.culprits[0].summary}` : '',
          reason: c?.verdict.reason ?? JSON.stringify(res.errors ?? []).slice(0, 300),
        });
        expect(res.errors, 'GraphQL errors').toBeUndefined();
        if (!c) throw new Error('compare returned no data');
        expect(c.verdict.missing, 'every backend answered').toEqual([]);
        assertAgainstTruth(truth, c);
      });
    }

    afterAll(() => {
      const ordered = SCENARIOS.flatMap((s) => outcomes.get(s.name) ?? []);
      if (ordered.length === 0) return;
      const report = confusionReport(ordered);
      console.log(report);
      const dir = process.env.PARALLAX_CACHE ?? join(import.meta.dirname, '../../.cache');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'compare-confusion.md'), report);
    });
  });
}
