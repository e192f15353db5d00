import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.js';
import { mergeNewestFirst } from './merge.js';
import type { LogHit } from './model.js';

const query = queryFingerprint({ service: 's', envs: ['b', 'a'], levels: ['error'], text: 'x' });

describe('cursor', () => {
  it('round-trips and is bound to its query', () => {
    const state = { query, window: { start: 1, end: 2 }, positions: { a: [5, 1], b: false as const } };
    expect(decodeCursor(encodeCursor(state), query)).toEqual(state);
    expect(queryFingerprint({ service: 's', envs: ['a', 'b'], levels: ['error'], text: 'x' })).toBe(query);
    const other = queryFingerprint({ service: 's', envs: ['a'], levels: ['error'], text: 'x' });
    expect(() => decodeCursor(encodeCursor(state), other)).toThrow(/different query/);
  });

  it.each([
    '',
    '!!!',
    'e30',
    Buffer.from('{"v":1,"q":"x","s":2,"e":1,"p":{}}').toString('base64url'),
    'a'.repeat(9000),
  ])('rejects %j as BAD_INPUT on cursor', (bad) => {
    expect(() => decodeCursor(bad, query)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', field: 'cursor' }),
    );
  });
});

const hit = (env: string, time: number): LogHit => ({
  record: { time, env, level: 'info', message: `${env}${time}`, service: 's', fields: {} },
  sort: [time, 0],
});

describe('mergeNewestFirst', () => {
  it('takes the newest across envs and moves each env to its last taken line', () => {
    const pages = [
      { env: 'a', hits: [hit('a', 9), hit('a', 5)], asked: 2 },
      { env: 'b', hits: [hit('b', 8)], asked: 2 },
    ];
    const merged = mergeNewestFirst(pages, 2, {});
    expect(merged.records.map((r) => r.message)).toEqual(['a9', 'b8']);
    expect(merged.positions).toEqual({ a: [9, 0], b: false });
    expect(merged.more).toBe(true);
    const last = mergeNewestFirst([{ env: 'a', hits: [hit('a', 5)], asked: 2 }], 2, merged.positions);
    expect(last).toMatchObject({ positions: { a: false, b: false }, more: false });
  });
});
