// Precompiled, anchored rules: they run on every token that holds a digit or '@'.
const NUMBER = /^[-+]?\d+(?:\.\d+)*(?:e[-+]?\d+)?[a-zµ%]{0,5}$/i;
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i;
const HEX_ID = /^(?:0x)?[0-9a-f]{8,}$/i;
const HEX_LITERAL = /^0x[0-9a-f]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T_]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

const ZERO = 48;
const NINE = 57;
const AT = 64;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COLON = 58;

function isDigitCode(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isHexLetterCode(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102;
}

/** Cheap pre-filter: a token without a digit or '@' is never variable. */
export function mayBeVariable(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isDigitCode(c) || c === AT) return true;
  }
  return false;
}

function startsWithDigit(core: string): boolean {
  return NUMBER.test(core) || GO_DURATION.test(core) || IPV4.test(core) || ISO_DATE.test(core);
}

function isIdLike(core: string): boolean {
  return HEX_ID.test(core) || UUID.test(core) || HEX_LITERAL.test(core) || IPV6.test(core);
}

/** True when the whole token (punctuation already stripped) is a value rather than a word. */
export function isVariable(core: string): boolean {
  const c = core.charCodeAt(0);
  // Dispatch on the first char so most tokens try only the rules that can match.
  if (isDigitCode(c)) {
    if (startsWithDigit(core) || CLOCK.test(core) || isIdLike(core)) return true;
  } else if (c === PLUS || c === MINUS || c === DOT) {
    if (NUMBER.test(core) || NUMBER.test(`0${core}`)) return true;
  } else if (isHexLetterCode(c) || c === COLON) {
    if (isIdLike(core)) return true;
  }
  return core.includes('@') && EMAIL.test(core);
}
