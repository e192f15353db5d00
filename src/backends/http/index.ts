export type { HttpTarget, HttpRequest, HttpResponse, HttpText } from './target.js';
export { requestJson, requestText, parseJsonBody } from './request.js';
export { transportError, invalidResponse, causeCode } from './errors.js';
export { timeoutSignal } from './timeout.js';
