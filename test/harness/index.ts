export { freePort, closedPort, blackhole, retryOnPortClash } from './ports.js';
export { startProcess, waitReady, httpOk, type Managed } from './process.js';
export {
  startPrometheus,
  toOpenMetrics,
  type PromSample,
  type RunningPrometheus,
  type LoggedQuery,
  type PromTls,
} from './prometheus.js';
export { imageMmapThreshold } from './image.js';
export { serveApp } from './serve.js';
export { startRedis, type RunningRedis } from './redis.js';
