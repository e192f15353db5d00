/** The closed set of error codes. Each maps to one HTTP status; GraphQL carries the code in extensions. */
export const ERROR_CODES = {
  BAD_INPUT: 400,
  UNKNOWN_ENV: 400,
  BAD_QUERY: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  RATE_LIMITED: 429,
  BACKEND_UNREACHABLE: 502,
  BACKEND_TIMEOUT: 504,
  BACKEND_BAD_DATA: 422,
  BACKEND_ERROR: 502,
  BACKEND_INVALID_RESPONSE: 502,
  BACKEND_RESPONSE_TOO_LARGE: 502,
  CIRCUIT_OPEN: 503,
  DEADLINE_EXCEEDED: 504,
  ALL_ENVS_FAILED: 502,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const BACKEND_KINDS = ['prometheus', 'jaeger', 'elasticsearch'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];
