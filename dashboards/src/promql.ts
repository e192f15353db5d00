/**
 * The RED PromQL of the migration dashboards: Istio metrics on K8s and prom-client metrics on VMs,
 * joined with `or`, every series kept per env. `$service` and `$env` are dashboard variables.
 */
const istio = (extra = '') =>
  `istio_requests_total{destination_service_name="$service",reporter="destination",env=~"$env"${extra}}`;
const promclient = (extra = '') =>
  `http_request_duration_seconds_count{service="$service",env=~"$env"${extra}}`;
const rate = (selector: string) => `sum by (env) (rate(${selector}[5m]))`;

export const requestRate = `${rate(istio())} or ${rate(promclient())}`;

export const errorRatio =
  `(${rate(istio(',response_code=~"5.."'))} / ${rate(istio())}) or ` +
  `(${rate(promclient(',status_code=~"5.."'))} / ${rate(promclient())})`;

export const latency = (q: number) =>
  `histogram_quantile(${q}, sum by (env, le) (rate(istio_request_duration_milliseconds_bucket{destination_service_name="$service",reporter="destination",env=~"$env"}[5m]))) or ` +
  `histogram_quantile(${q}, sum by (env, le) (rate(http_request_duration_seconds_bucket{service="$service",env=~"$env"}[5m]))) * 1000`;

/** Each env's share of the service's requests (adds up to 1 at every step). */
export const trafficShare = `(${requestRate}) / ignoring(env) group_left sum(${requestRate})`;
