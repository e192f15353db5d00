export { GatewayMetrics, type BreakerReading, type CacheTier } from './metrics.js';
export { createLogger, type Logger } from './logger.js';
export { startTracing, inSpan } from './tracing.js';
