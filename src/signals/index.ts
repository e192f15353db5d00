export { SIGNALS, SIGNAL_INFO, isSignal, type SignalName, type SignalInfo } from './catalog.js';
export { signalQuery } from './build.js';
export { SignalsService, type SignalResult, type SignalsAnswer } from './service.js';
