/**
 * The RED PromQL of the migration dashboards: Istio metrics on K8s, prom-client or micrometer
 * (Spring Boot) metrics on VMs, joined with `or`, every series kept per env. `$service` and `$env`
 * are dashboard variables.
 */
const istio = (extra = '') =>
  `istio_requests_total{destination_service_name="$service",reporter="destination",env=~"$env"${extra}}`;
const promclient = (extra = '') =>
  `http_request_duration_seconds_count{service="$service",env=~"$env"${extra}}`;
const micrometer = (extra = '') =>
  `http_server_requests_seconds_count{application="$service",env=~"$env"${extra}}`;
const rate = (selector: string) => `sum by (env) (rate(${selector}[5m]))`;
const ratio = (selector: (extra?: string) => string, errors: string) =>
  `(${rate(selector(errors))} / ${rate(selector())})`;
const quantile = (q: number, buckets: string) =>
  `histogram_quantile(${q}, sum by (env, le) (rate(${buckets}[5m])))`;

export const requestRate = `${rate(istio())} or ${rate(promclient())} or ${rate(micrometer())}`;

export const errorRatio =
  `${ratio(istio, ',response_code=~"5.."')} or ` +
  `${ratio(promclient, ',status_code=~"5.."')} or ` +
  `${ratio(micrometer, ',status=~"5.."')}`;

export const latency = (q: number) =>
  `${quantile(q, 'istio_request_duration_milliseconds_bucket{destination_service_name="$service",reporter="destination",env=~"$env"}')} or ` +
  `${quantile(q, 'http_request_duration_seconds_bucket{service="$service",env=~"$env"}')} * 1000 or ` +
  `${quantile(q, 'http_server_requests_seconds_bucket{application="$service",env=~"$env"}')} * 1000`;

/** Each env's share of the service's requests (adds up to 1 at every step). */
export const trafficShare = `(${requestRate}) / ignoring(env) group_left sum(${requestRate})`;
