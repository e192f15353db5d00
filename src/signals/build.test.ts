import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { signalQuery } from './build.js';
import { SIGNALS } from './catalog.js';

/** The query's shape with every string literal blanked: injection would change it. */
function shape(query: string): string {
  const names: string[] = [];
  parser.parse(query).iterate({ enter: (n) => void names.push(n.name) });
  return names.join(' ');
}

function literals(query: string): string[] {
  const out: string[] = [];
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.name === 'StringLiteral') out.push(JSON.parse(query.slice(n.from, n.to)) as string);
    },
  });
  return out;
}

const HOSTILE = ['x"}) or vector(1) #', 'a\\"b', "it's", 'new\nline', '}[5m]))', 'é🙂'];

describe('signalQuery escaping', () => {
  for (const template of ['istio', 'micrometer', 'promclient'] as const) {
    for (const signal of SIGNALS) {
      it(`${template} ${signal}: a hostile service name cannot change the query`, () => {
        const cfg = { template, vars: {}, overrides: {} };
        const safe = signalQuery(cfg, signal, 'payment-api', 'e');
        for (const name of HOSTILE) {
          const q = signalQuery(cfg, signal, name, 'e');
          expect(shape(q), name).toBe(shape(safe));
          expect(literals(q)).toContain(name);
        }
      });
    }
  }

  it('substitutes {{service}} in custom PromQL as an escaped literal, quoted or not', () => {
    const cfg = {
      template: 'custom' as const,
      vars: {},
      overrides: {
        request_rate: 'sum(rate(reqs{app="{{service}}"}[1m])) + sum(rate(other{app={{service}}}[1m]))',
      },
    };
    const q = signalQuery(cfg, 'request_rate', 'x"}) or vector(1) #', 'e');
    expect(literals(q)).toEqual(['x"}) or vector(1) #', 'x"}) or vector(1) #']);
    expect(shape(q)).toBe(shape(signalQuery(cfg, 'request_rate', 'ok', 'e')));
  });

  it("keeps replacement patterns ($&, $', $`) in a service name literal", () => {
    const cfg = {
      template: 'custom' as const,
      vars: {},
      overrides: { request_rate: 'sum(rate(reqs{app={{service}}}[1m])) or vector(0)' },
    };
    for (const name of ["a$'", 'a$`', 'a$&b', '$$x']) {
      const q = signalQuery(cfg, 'request_rate', name, 'e');
      expect(literals(q)).toEqual([name]);
      expect(shape(q)).toBe(shape(signalQuery(cfg, 'request_rate', 'ok', 'e')));
    }
  });

  it('names the env and signal when a custom template lacks a signal', () => {
    const cfg = { template: 'custom' as const, vars: {}, overrides: {} };
    expect(() => signalQuery(cfg, 'latency_p99', 'a', 'kr-vm')).toThrow(
      /env kr-vm has no PromQL for signal latency_p99/,
    );
  });
});
