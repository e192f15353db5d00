export { jaegerApi } from './app.js';
export {
  toJaegerTrace,
  envelope,
  type JaegerTrace,
  type JaegerSpan,
  type JaegerEnvelope,
  type JaegerError,
} from './format.js';
