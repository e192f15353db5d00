export type { HttpTarget, HttpRequest, HttpResponse, HttpText } from './target.js';
export { requestJson, requestText, parseJsonBody } from './request.js';
export { transportError, invalidResponse, causeCode } from './errors.js';
export { childSignal, timeoutSignal } from './timeout.js';
export { closeAgentsExcept, closeAllAgents } from './agents.js';
export { ByteBudget, withBufferBudgets, type BufferBudgets } from './budget.js';
