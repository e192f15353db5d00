export { SIGNALS, SIGNAL_INFO, isSignal, type SignalName, type SignalInfo } from './catalog.js';
export { signalQuery } from './build.js';
export { SignalsService, type SignalResult, type SignalsAnswer } from './service.js';
export { TEMPLATE_SHAPES, serviceSelector, type TemplateShape } from './templates.js';
