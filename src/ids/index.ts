/** W3C trace and span id rules: one leaf module for the Jaeger adapter and the trace inputs. */
export {
  normalizeTraceId,
  normalizeSpanId,
  isValidTraceIdInput,
  traceIdSchema,
  spanIdSchema,
  parentIdSchema,
  toTraceId,
  toSpanId,
  toParentId,
} from './trace-ids.js';
