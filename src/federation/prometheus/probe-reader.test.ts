import { describe, expect, it, vi } from 'vitest';
import type { HttpTarget } from '../../backends/http/index.js';
import { DEFAULT_REPLICA_OPTIONS, HaGroup } from '../replicas/index.js';
import type { FreshnessProbe, Span } from './freshness.js';
import { ProbeReader, type EarlyProbe } from './probe-reader.js';
import { SampleCache } from './sample-cache.js';

// Closed ports: every sample time below comes from the sample cache, so a read that reached a
// replica would fail and show up as a warning.
const target = (port: number): HttpTarget => ({
  env: 'kr-k8s',
  backend: 'prometheus',
  baseUrl: `http://127.0.0.1:${port}`,
  headers: {},
  timeoutMs: 1000,
  maxBytes: 1 << 20,
});
const targets = [target(1), target(2)];
const probe: FreshnessProbe = { selectors: ['up{job="a"}'], windowMs: 60_000 };
const whole: Span = { start: 0, end: 1_000_000 };

/** A reader whose sample cache holds, for each replica, one series sampled at its own times. */
function reader(): ProbeReader {
  const samples = new SampleCache({ maxPoints: 10_000, settleMs: 0, now: () => 2_000_000 });
  targets.forEach((t, i) => {
    const times = new Map([['{job="a"}', [150_000 + i, 700_000 + i]]]);
    for (const sel of ['up{job="a"}', 'up{job="b"}']) samples.keep(`${t.baseUrl}\u0000${sel}`, whole, times);
  });
  const replicas = new HaGroup(targets, { ...DEFAULT_REPLICA_OPTIONS, env: 'kr-k8s', backend: 'prometheus' });
  return new ProbeReader(replicas, samples);
}

const signal = new AbortController().signal;

function early(span: Span, selectors: string[]): EarlyProbe {
  return { span, selectors, times: Promise.resolve({ times: [], warnings: [] }), cancel: vi.fn() };
}

describe('ProbeReader', () => {
  it('reuses the probe started beside the query only when it covers the span with the same selectors', async () => {
    const r = reader();
    const needed = { start: 100_000, end: 200_000 };
    const covering = early({ start: 50_000, end: 300_000 }, probe.selectors);
    expect(r.read(probe, needed, signal, covering)).toBe(covering);
    expect(covering.cancel).not.toHaveBeenCalled();

    for (const other of [
      early({ start: 150_000, end: 300_000 }, probe.selectors), // starts after the needed span
      early({ start: 50_000, end: 190_000 }, probe.selectors), // ends before it
      early({ start: 50_000, end: 300_000 }, ['up{job="b"}']), // other selectors
    ]) {
      const read = r.read(probe, needed, signal, other);
      expect(read).not.toBe(other);
      expect(other.cancel).toHaveBeenCalledOnce();
      expect(read.span).toEqual(needed);
      const { times, warnings } = await read.times;
      expect(warnings).toEqual([]);
      // Read over the needed span only, each replica's own times (from the cache, not the closed ports).
      expect(times.map((m) => m && Object.fromEntries(m))).toEqual([
        { '0\u0000{job="a"}': [150_000] },
        { '0\u0000{job="a"}': [150_001] },
      ]);
    }
  });
});

describe('ProbeReader.beside', () => {
  it('probes where the last answers differed, to the query end when that reached the last end', async () => {
    const r = reader();
    expect(r.beside(probe, whole, signal)).toBeUndefined(); // nothing differed yet
    const differed = { span: { start: 100_000, end: 800_000 }, selectors: ['up{job="b"}'] };

    r.remember(differed, 800_000); // reached that query's end: a replica behind at the live edge
    const live = r.beside(probe, { start: 0, end: 900_000 }, signal);
    expect(live?.span).toEqual({ start: 100_000, end: 900_000 });
    expect(live?.selectors).toEqual(['up{job="b"}']);
    expect((await live?.times)?.times.map((m) => m && Object.fromEntries(m))).toEqual([
      { '0\u0000{job="a"}': [150_000, 700_000] },
      { '0\u0000{job="a"}': [150_001, 700_001] },
    ]);

    r.remember(differed, 900_000); // a gap inside the range: probe just there
    expect(r.beside(probe, { start: 0, end: 900_000 }, signal)?.span).toEqual({
      start: 100_000,
      end: 800_000,
    });
    expect(r.beside(probe, { start: 850_000, end: 900_000 }, signal)).toBeUndefined(); // outside it

    r.remember(undefined, 900_000); // the answers agreed
    expect(r.beside(probe, whole, signal)).toBeUndefined();
  });
});
