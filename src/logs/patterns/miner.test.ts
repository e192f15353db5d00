import { describe, expect, it } from 'vitest';
import { PatternMiner } from './miner.js';

describe('PatternMiner', () => {
  it('groups lines that differ only by numbers', () => {
    const miner = new PatternMiner();
    const first = miner.add('connected to db in 12 ms');
    const second = miner.add('connected to db in 7 ms');
    expect(second).toEqual(first);
    expect(miner.patterns()).toEqual([
      { id: first.patternId, template: 'connected to db in <*> ms', count: 2 },
    ]);
  });

  it('generalises differing tokens and keeps the id given at creation', () => {
    const miner = new PatternMiner();
    const first = miner.add('cache miss for key users');
    const second = miner.add('cache miss for key orders');
    expect(second.patternId).toBe(first.patternId);
    expect(second.template).toBe('cache miss for key <*>');
    expect(miner.pattern(first.patternId)?.count).toBe(2);
  });

  it('keeps unlike lines of the same length apart', () => {
    const miner = new PatternMiner();
    miner.add('user login ok');
    miner.add('disk almost full');
    expect(miner.patterns().map((p) => p.template)).toEqual(['user login ok', 'disk almost full']);
  });

  it('sorts patterns by count, descending', () => {
    const miner = new PatternMiner();
    miner.add('a single line');
    for (const n of [1, 2, 3]) miner.add(`retry ${n} of 5`);
    expect(miner.patterns().map((p) => [p.template, p.count])).toEqual([
      ['retry <*> of <*>', 3],
      ['a single line', 1],
    ]);
  });

  it('match() classifies without learning', () => {
    const miner = new PatternMiner();
    miner.add('job 1 finished in 3 s');
    const before = miner.patterns();
    expect(miner.match('job 9 finished in 40 s')?.template).toBe('job <*> finished in <*> s');
    expect(miner.match('something else entirely')).toBeUndefined();
    expect(miner.patterns()).toEqual(before);
  });

  it('match() does not hide a new error inside a known one that shares only its tail', () => {
    const miner = new PatternMiner();
    for (const n of [500, 503, 502]) miner.add(`request failed with status ${n} after ${n - 400} ms`);
    // 4 of 8 tokens equal (after, <*>, ms, and a wildcard): enough to learn from, not to classify.
    expect(miner.match('tls handshake to payments-gateway failed after 312 ms')).toBeUndefined();
    expect(miner.match('request failed with status 504 after 30 ms')?.template).toBe(
      'request failed with status <*> after <*> ms',
    );
  });

  it('match() counts learnt wildcards as equal', () => {
    const miner = new PatternMiner({ similarityThreshold: 0.7 });
    miner.add('payment accepted for shop alpha via card');
    miner.add('payment accepted for shop beta via bank');
    // Literal tokens alone: 4/7 < 0.7; with the two learnt variables: 6/7.
    expect(miner.match('payment declined for shop gamma via cash')?.template).toBe(
      'payment accepted for shop <*> via <*>',
    );
    expect(miner.add('payment declined for shop gamma via cash').template).toBe(
      'payment declined for shop gamma via cash',
    );
  });

  it('match() finds a cluster whose prefix token became a wildcard', () => {
    const miner = new PatternMiner();
    miner.add('user alice logged in');
    expect(miner.match('user carol logged in')?.template).toBe('user alice logged in');
  });

  it('routes beyond maxClusters to an all-wildcard overflow cluster', () => {
    const miner = new PatternMiner({ maxClusters: 2 });
    miner.add('alpha one');
    miner.add('beta two');
    const overflow = miner.add('gamma three');
    expect(overflow.template).toBe('<*> <*>');
    expect(miner.add('delta four').patternId).toBe(overflow.patternId);
    expect(miner.size).toBe(3);
  });

  it('sends unknown tokens to the wildcard child once maxChildren is reached', () => {
    const miner = new PatternMiner({ maxChildren: 2 });
    miner.add('alpha x');
    miner.add('beta x');
    miner.add('gamma x');
    // alpha has its own child; beta and gamma share the wildcard child and merge there.
    expect(miner.patterns().map((p) => p.template)).toEqual(['<*> x', 'alpha x']);
  });

  it('handles empty messages', () => {
    const miner = new PatternMiner();
    expect(miner.add('   ').template).toBe('');
    expect(miner.match('')?.template).toBe('');
  });

  it('rejects invalid options', () => {
    expect(() => new PatternMiner({ similarityThreshold: 2 })).toThrow(RangeError);
    expect(() => new PatternMiner({ maxDepth: 1 })).toThrow(RangeError);
  });

  it('is deterministic', () => {
    const lines = ['open file a.txt', 'open file b.txt', 'close 3 handles', 'close 4 handles', 'boot'];
    const run = (): unknown => {
      const miner = new PatternMiner();
      for (const line of lines) miner.add(line);
      return miner.patterns();
    };
    expect(run()).toEqual(run());
  });
});
