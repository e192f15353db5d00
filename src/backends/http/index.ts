export type { HttpTarget, HttpRequest, HttpResponse } from './target.js';
export { requestJson } from './request.js';
export { transportError, invalidResponse, causeCode } from './errors.js';
export { timeoutSignal } from './timeout.js';
