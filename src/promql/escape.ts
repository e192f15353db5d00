/**
 * A value as a PromQL double-quoted string literal. JSON string escaping is a subset of Go's, which
 * PromQL uses, so quotes, backslashes and control characters can never end the literal early.
 */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

/** A value matched literally inside a PromQL regex matcher (=~). */
export function promqlRegexLiteral(value: string): string {
  return promqlString(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
