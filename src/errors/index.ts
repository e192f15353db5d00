export { ERROR_CODES, BACKEND_KINDS, type ErrorCode, type BackendKind } from './codes.js';
export { ParallaxError, badInput, toParallaxError, type ErrorContext } from './parallax-error.js';
export { allEnvsFailed } from './all-failed.js';
