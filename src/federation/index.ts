export { Federation, breakerKey, type FederationOptions } from './fan-out.js';
export type { EnvValue, Federated, EnvCall, FanOutRequest } from './types.js';
export { timeoutSignal } from './timeout.js';
