/**
 * A value as a PromQL double-quoted string literal. JSON string escaping is a subset of Go's, which
 * PromQL uses, so quotes, backslashes and control characters can never end the literal early.
 */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

const regexEscaped = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A value matched literally inside a PromQL regex matcher (=~). */
export function promqlRegexLiteral(value: string): string {
  return promqlString(regexEscaped(value));
}

/** Values matched literally as alternatives of one regex matcher (=~); "" also matches a missing label. */
export function promqlRegexAlternatives(values: readonly string[]): string {
  return promqlString(values.map(regexEscaped).join('|'));
}
