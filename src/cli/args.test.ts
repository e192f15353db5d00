import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from './args.js';

describe('parseCli', () => {
  it('reads the incident command, with the gateway from the flag or the environment', () => {
    expect(
      parseCli(['incident', 'pay', '--at', 'now-10m', '--window', '15m', '--format', 'markdown'], {
        PARALLAX_GATEWAY: 'http://gw:9480/',
      }),
    ).toEqual({
      command: 'incident',
      service: 'pay',
      at: 'now-10m',
      window: '15m',
      format: 'markdown',
      gateway: 'http://gw:9480',
      timeoutMs: 60_000,
    });
    expect(parseCli(['-h'], {})).toEqual({ command: 'help' });
  });

  it('rejects what a script could get wrong', () => {
    for (const argv of [
      [],
      ['incidents', 'pay'],
      ['incident'],
      ['incident', 'pay', 'extra'],
      ['incident', 'pay', '--format', 'yaml'],
      ['incident', 'pay', '--gateway', 'ftp://x'],
      ['incident', 'pay', '--timeout', '0'],
      ['incident', 'pay', '--colour'],
    ]) {
      expect(() => parseCli(argv, {})).toThrow(UsageError);
    }
  });
});
