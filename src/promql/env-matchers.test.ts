import { describe, expect, it } from 'vitest';
import { selectEnvs } from './env-matchers.js';

const ENVS = ['kr-vm', 'kr-k8s', 'jp-k8s'];

describe('selectEnvs', () => {
  it('anchors regexes at both ends, as Prometheus does', () => {
    expect(selectEnvs(ENVS, [{ op: '=~', value: 'kr-.*' }])).toEqual(['kr-vm', 'kr-k8s']);
    expect(selectEnvs(ENVS, [{ op: '=~', value: 'k8s' }])).toEqual([]);
    expect(selectEnvs(ENVS, [{ op: '!~', value: '.*k8s' }])).toEqual(['kr-vm']);
    expect(selectEnvs(ENVS, [{ op: '=~', value: 'kr-vm|jp-k8s' }])).toEqual(['kr-vm', 'jp-k8s']);
  });

  it('matches a catastrophic-backtracking pattern in linear time', () => {
    const evil = '(.?.?.?){10}z';
    const names = Array.from({ length: 200 }, (_, i) => `env-${'a'.repeat(25)}-${i}`);
    // A backtracking engine takes seconds per name here; RE2 semantics keep it linear.
    expect(selectEnvs(names, [{ op: '=~', value: evil }])).toEqual([]);
    expect(selectEnvs(['abcz'], [{ op: '=~', value: evil }])).toEqual(['abcz']);
  });

  it('refuses invalid, unsupported (lookahead) and overlong regexes with BAD_QUERY naming the field', () => {
    for (const value of ['(a', '(?=kr)kr-vm', 'a'.repeat(2000)])
      expect(() => selectEnvs(ENVS, [{ op: '=~', value }], 'match[0]')).toThrow(
        expect.objectContaining({ code: 'BAD_QUERY', field: 'match[0]' }),
      );
  });
});
