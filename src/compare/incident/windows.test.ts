import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../../errors/index.js';
import { checkAt, checkWindow, incidentWindows } from './windows.js';

const MIN = 60_000;
const NOW = 1_700_000_040_000;

describe('incident windows', () => {
  it('judges the window after T once 5 minutes of it have passed, else the window before', () => {
    const past = incidentWindows(NOW - 60 * MIN, 30 * MIN, NOW);
    expect(past.after).toEqual({ start: NOW - 60 * MIN, end: NOW - 30 * MIN });
    expect(past.verdict).toMatchObject({ start: NOW - 60 * MIN, end: NOW - 30 * MIN, step: 15_000 });
    const recent = incidentWindows(NOW - 2 * MIN, 30 * MIN, NOW);
    expect(recent.after).toEqual({ start: NOW - 2 * MIN, end: NOW });
    expect(recent.verdict).toMatchObject({ start: NOW - 32 * MIN, end: NOW - 2 * MIN });
    expect(incidentWindows(NOW, 30 * MIN, NOW).after).toBeNull();
  });

  it('rejects T in the future and windows out of range, naming the field', () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof ParallaxError ? err.field : 'other';
      }
      return undefined;
    };
    expect(field(() => checkAt(NOW + 10 * MIN, NOW))).toBe('at');
    expect(checkAt(NOW + 30_000, NOW)).toBe(NOW);
    expect(field(() => checkWindow(0))).toBe('window');
    expect(field(() => checkWindow(48 * 60 * MIN))).toBe('window');
  });
});
