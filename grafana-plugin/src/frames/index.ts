export { signalFrames, type SignalSeries } from './signals';
export {
  compareFrames,
  operationsFrame,
  logPatternsFrame,
  migrationFrame,
  verdictFrame,
  type Comparison,
  type WindowVerdict,
} from './compare';
export { tracesFrame, traceFrame, type TraceRow, type SpanRow } from './traces';
export { logFrames, type LogRow } from './logs';
export { grafanaUnit } from './units';
