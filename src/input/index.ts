/**
 * The one input boundary: zod schemas that every surface parses its arguments with, once, into the
 * domain's types (epoch ms, aligned ranges, env lists), each problem a BAD_INPUT naming its field.
 */
export { parseArgs } from './parse.js';
export { fromDomain } from './domain.js';
export { duration, instant, timeWindow } from './time.js';
export { autoStep, steppedRange, timeRange, toTimeRange, type AutoStep } from './range.js';
export { envFilter, envNames, serviceName } from './lists.js';
export { signalEnum, signalFilter, signalsOrAll, toSignal } from './signals.js';
