import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  CustomVariableBuilder,
  VariableRefresh,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import {
  VizLegendOptionsBuilder,
  LegendDisplayMode,
  LegendPlacement,
} from '@grafana/grafana-foundation-sdk/common';
import * as promql from './promql.js';

const PROM = { type: 'prometheus', uid: '${datasource}' };

const legend = () =>
  new VizLegendOptionsBuilder()
    .displayMode(LegendDisplayMode.Table)
    .placement(LegendPlacement.Bottom)
    .showLegend(true)
    .calcs(['mean', 'max', 'lastNotNull']);

const perEnv = (title: string, expr: string, unit: string, w = 12) =>
  new PanelBuilder()
    .title(title)
    .datasource(PROM)
    .unit(unit)
    .legend(legend())
    .gridPos({ h: 8, w, x: 0, y: 0 })
    .withTarget(new DataqueryBuilder().refId('A').expr(expr).legendFormat('{{env}}').range());

/**
 * Migration overview: one service's RED signals side by side in every env, through the gateway's
 * Prometheus-compatible API (uid kept from the former hand-written service-across-envs.json).
 */
export function migrationOverview(): Dashboard {
  return new DashboardBuilder('Parallax — Migration overview')
    .uid('parallax-service-envs')
    .description(
      'RED metrics of one service side by side in every environment (VM and Kubernetes), through the Parallax Prometheus-compatible API. Istio metrics on K8s and prom-client metrics on VMs are combined with `or`; every series carries its env label.',
    )
    .tags(['parallax', 'migration', 'red'])
    .timezone('browser')
    .editable()
    .time({ from: 'now-3h', to: 'now' })
    .refresh('1m')
    .withVariable(
      new DatasourceVariableBuilder('datasource').label('Parallax (Prometheus API)').type('prometheus'),
    )
    .withVariable(
      new CustomVariableBuilder('service')
        .label('service')
        .values('payment-api,checkout-api,catalog-api')
        .current({ text: 'checkout-api', value: 'checkout-api' }),
    )
    .withVariable(
      new QueryVariableBuilder('env')
        .label('env')
        .datasource(PROM)
        .query({ query: 'label_values(env)', refId: 'env' })
        .definition('label_values(env)')
        .multi(true)
        .includeAll(true)
        .allValue('.+')
        .refresh(VariableRefresh.OnDashboardLoad),
    )
    .withPanel(
      perEnv('Requests per second by env (traffic shift)', promql.requestRate, 'reqps').gridPos({
        h: 8,
        w: 12,
        x: 0,
        y: 0,
      }),
    )
    .withPanel(
      perEnv('Error ratio (5xx) by env', promql.errorRatio, 'percentunit').gridPos({
        h: 8,
        w: 12,
        x: 12,
        y: 0,
      }),
    )
    .withPanel(perEnv('Latency p50 by env', promql.latency(0.5), 'ms').gridPos({ h: 8, w: 12, x: 0, y: 8 }))
    .withPanel(perEnv('Latency p99 by env', promql.latency(0.99), 'ms').gridPos({ h: 8, w: 12, x: 12, y: 8 }))
    .withPanel(
      perEnv('Traffic share by env (migration progress)', promql.trafficShare, 'percentunit', 24)
        .gridPos({ h: 8, w: 24, x: 0, y: 16 })
        .min(0)
        .max(1),
    )
    .build();
}
