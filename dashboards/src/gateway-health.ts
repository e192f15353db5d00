import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

const PROM = { type: 'prometheus', uid: '${ops}' };

const panel = (
  title: string,
  expr: string,
  legend: string,
  unit: string,
  grid: { h: number; w: number; x: number; y: number },
) =>
  new PanelBuilder()
    .title(title)
    .datasource(PROM)
    .unit(unit)
    .gridPos(grid)
    .withTarget(new DataqueryBuilder().refId('A').expr(expr).legendFormat(legend).range());

/**
 * Gateway health: the gateway's own /metrics, as scraped by the Prometheus that watches Parallax
 * (not the gateway's Prometheus-compatible API, which federates the envs' Prometheus).
 */
export function gatewayHealth(): Dashboard {
  return new DashboardBuilder('Parallax — Gateway health')
    .uid('parallax-gateway-health')
    .description(
      "Parallax's own metrics (GET /metrics): backend calls per env and outcome, their latency, errors per code, GraphQL operations and HTTP requests per surface. Point $ops at the Prometheus that scrapes the gateway.",
    )
    .tags(['parallax', 'operations'])
    .timezone('browser')
    .editable()
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .withVariable(
      new DatasourceVariableBuilder('ops').label('Prometheus scraping Parallax').type('prometheus'),
    )
    .withPanel(
      panel(
        'Backend calls per second by env and outcome',
        'sum by (env, backend, outcome) (rate(parallax_backend_requests_total[$__rate_interval]))',
        '{{env}} {{backend}} {{outcome}}',
        'reqps',
        { h: 8, w: 12, x: 0, y: 0 },
      ),
    )
    .withPanel(
      panel(
        'Backend call latency p99 by env',
        'histogram_quantile(0.99, sum by (env, backend, le) (rate(parallax_backend_request_duration_seconds_bucket[$__rate_interval])))',
        '{{env}} {{backend}}',
        's',
        { h: 8, w: 12, x: 12, y: 0 },
      ),
    )
    .withPanel(
      panel(
        'Backend errors by env and code',
        'sum by (env, backend, code) (increase(parallax_backend_errors_total[$__rate_interval]))',
        '{{env}} {{backend}} {{code}}',
        'short',
        { h: 8, w: 12, x: 0, y: 8 },
      ),
    )
    .withPanel(
      panel(
        'GraphQL operations per second by outcome',
        'sum by (operation, outcome) (rate(parallax_graphql_operations_total[$__rate_interval]))',
        '{{operation}} {{outcome}}',
        'reqps',
        { h: 8, w: 12, x: 12, y: 8 },
      ),
    )
    .withPanel(
      panel(
        'HTTP requests per second by surface and status',
        'sum by (surface, status) (rate(parallax_http_requests_total[$__rate_interval]))',
        '{{surface}} {{status}}',
        'reqps',
        { h: 8, w: 24, x: 0, y: 16 },
      ),
    )
    .build();
}
