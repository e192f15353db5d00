import { isVariable, mayBeVariable } from './token-rules.js';

export const WILDCARD = '<*>';

// `key=` splits only when the key looks like an identifier, so URLs with query strings stay whole.
const KEY_PREFIX = /^[A-Za-z_][\w.-]*=/;
const COMPOUND_SEPARATORS = /([/:?&=#,])/;
const SEPARATOR_CHARS = '/:?&=#,';
const OPENERS = '([{<"\'';
const CLOSERS = ')]}>"\',;.:!';
const WHITESPACE = /\s/;

const HAS_DIGIT_OR_AT = 1;
const HAS_EQUALS = 2;

/**
 * Splits a message on whitespace and masks variable tokens to `<*>`.
 * `key=value` becomes `key=` and the masked value; quoted strings are not masked
 * (they are often fixed messages), the miner generalises them when they vary.
 */
export function maskLine(message: string): string[] {
  const out: string[] = [];
  let start = -1;
  let flags = 0;
  // One pass finds the tokens and what they contain, so plain words are never rescanned.
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    if (isSpace(c)) {
      if (start >= 0) pushToken(message.slice(start, i), flags, out);
      start = -1;
      flags = 0;
      continue;
    }
    if (start < 0) start = i;
    flags |= charFlags(c);
  }
  if (start >= 0) pushToken(message.slice(start), flags, out);
  return out;
}

function isSpace(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return c === 32 || (c >= 9 && c <= 13) || WHITESPACE.test(String.fromCharCode(c));
}

function charFlags(c: number): number {
  if ((c >= 48 && c <= 57) || c === 64) return HAS_DIGIT_OR_AT;
  return c === 61 ? HAS_EQUALS : 0;
}

function pushToken(raw: string, flags: number, out: string[]): void {
  if (flags & HAS_EQUALS && KEY_PREFIX.test(raw)) {
    const eq = raw.indexOf('=');
    out.push(raw.slice(0, eq + 1));
    if (eq + 1 < raw.length) out.push(maskToken(raw.slice(eq + 1)));
    return;
  }
  out.push(flags & HAS_DIGIT_OR_AT ? maskInspected(raw) : raw);
}

/** Masks one whitespace-free token: whole values become `<*>`, paths and URLs keep their fixed parts. */
export function maskToken(token: string): string {
  return mayBeVariable(token) ? maskInspected(token) : token;
}

/** maskToken() for a token known to hold a digit or '@'. */
function maskInspected(token: string): string {
  const core = stripWrapping(token);
  if (core !== '' && isVariable(core)) return WILDCARD;
  return hasSeparator(core) ? maskCompound(token) : token;
}

function stripWrapping(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && OPENERS.includes(token.charAt(start))) start++;
  while (end > start && CLOSERS.includes(token.charAt(end - 1))) end--;
  return start === 0 && end === token.length ? token : token.slice(start, end);
}

function hasSeparator(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    if (SEPARATOR_CHARS.includes(token.charAt(i))) return true;
  }
  return false;
}

/** `/users/42/orders?page=2` -> `/users/<*>/orders?page=<*>`. */
function maskCompound(token: string): string {
  const parts = token.split(COMPOUND_SEPARATORS);
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i];
    if (part === undefined || !mayBeVariable(part)) continue;
    const core = stripWrapping(part);
    if (core !== '' && isVariable(core)) {
      parts[i] = WILDCARD;
      changed = true;
    }
  }
  return changed ? parts.join('') : token;
}
