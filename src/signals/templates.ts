import type { SignalTemplateName } from '../config/index.js';
import { promqlString } from '../promql/index.js';
import type { SignalName } from './catalog.js';

/** The parts each template needs: a request counter, a 5xx filter and a latency histogram in ms. */
export interface TemplateShape {
  requests: string;
  errorMatcher: string;
  buckets: string;
  /** Factor that turns the histogram's unit into ms. */
  toMs: number;
  defaults: Record<string, string>;
}

export const TEMPLATE_SHAPES: Record<Exclude<SignalTemplateName, 'custom'>, TemplateShape> = {
  istio: {
    requests: 'istio_requests_total',
    errorMatcher: 'response_code=~"5.."',
    buckets: 'istio_request_duration_milliseconds_bucket',
    toMs: 1,
    defaults: { serviceLabel: 'destination_service_name', reporter: 'destination', window: '5m' },
  },
  micrometer: {
    requests: 'http_server_requests_seconds_count',
    errorMatcher: 'status=~"5.."',
    buckets: 'http_server_requests_seconds_bucket',
    toMs: 1000,
    defaults: { serviceLabel: 'application', window: '5m' },
  },
  promclient: {
    requests: 'http_request_duration_seconds_count',
    errorMatcher: 'status_code=~"5.."',
    buckets: 'http_request_duration_seconds_bucket',
    toMs: 1000,
    defaults: { serviceLabel: 'service', window: '5m' },
  },
};

const QUANTILES: Partial<Record<SignalName, number>> = {
  latency_p50: 0.5,
  latency_p90: 0.9,
  latency_p99: 0.99,
};

/**
 * PromQL of a signal for one template. `svc` is already a quoted, escaped PromQL literal; vars come
 * from config (validated there), never from a request.
 */
export function templateQuery(
  template: Exclude<SignalTemplateName, 'custom'>,
  signal: SignalName,
  svc: string,
  vars: TemplateVars,
): string {
  const shape = TEMPLATE_SHAPES[template];
  const v = withDefaults(shape, vars);
  const base = serviceSelector(shape, vars, svc);
  const rate = (metric: string, extra = ''): string => `sum(rate(${metric}{${base}${extra}}[${v.window}]))`;
  const errorRatio = `${rate(shape.requests, `,${shape.errorMatcher}`)} / ${rate(shape.requests)}`;
  const q = QUANTILES[signal];
  if (q !== undefined) {
    const hq = `histogram_quantile(${q}, sum by (le) (rate(${shape.buckets}{${base}}[${v.window}])))`;
    return shape.toMs === 1 ? hq : `${hq} * ${shape.toMs}`;
  }
  if (signal === 'request_rate') return rate(shape.requests);
  if (signal === 'error_ratio') return errorRatio;
  return `1 - (${errorRatio})`;
}

/** The matchers that pick a service's series: `<serviceLabel>=<svc>` plus Istio's reporter. */
export function serviceSelector(shape: TemplateShape, vars: TemplateVars, svc: string): string {
  const v = withDefaults(shape, vars);
  return [`${v.serviceLabel}=${svc}`, ...(v.reporter ? [`reporter=${promqlString(v.reporter)}`] : [])].join(
    ',',
  );
}

export interface TemplateVars {
  serviceLabel?: string | undefined;
  reporter?: string | undefined;
  window?: string | undefined;
}

function withDefaults(shape: TemplateShape, vars: TemplateVars): Record<string, string> {
  const out: Record<string, string> = { ...shape.defaults };
  for (const [k, v] of Object.entries(vars)) if (typeof v === 'string') out[k] = v;
  return out;
}
