import {
  AnnotationQueryBuilder,
  DashboardBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { ReduceDataOptionsBuilder, BigValueTextMode } from '@grafana/grafana-foundation-sdk/common';
import {
  PARALLAX_DS,
  PLUGIN_ID,
  ParallaxQueryBuilder,
  SIDES,
  type ParallaxFields,
} from './parallax-query.js';

const q = (queryType: string, fields: ParallaxFields = {}) =>
  new ParallaxQueryBuilder('A', queryType, { ...SIDES, ...fields });

const pluginVariable = (name: string, label: string, query: string) =>
  new QueryVariableBuilder(name)
    .label(label)
    .datasource(PARALLAX_DS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnDashboardLoad);

const table = (
  title: string,
  queryType: string,
  grid: { h: number; w: number; x: number; y: number },
  fields: ParallaxFields = {},
) => new TablePanel().title(title).datasource(PARALLAX_DS).gridPos(grid).withTarget(q(queryType, fields));

/** Service compare: the plugin's verdict, culprits, operations, log patterns and migration table. */
export function serviceCompare(): Dashboard {
  return new DashboardBuilder('Parallax — Service compare')
    .uid('parallax-service-compare')
    .description(
      'One service, baseline envs (e.g. the VMs) against candidate envs (e.g. Kubernetes), judged per request by the Parallax gateway: verdict, per-signal verdicts, culprits, per-operation spans, new error log patterns and the migration table. Failed or changed verdicts are annotations.',
    )
    .tags(['parallax', 'migration', 'compare'])
    .timezone('browser')
    .editable()
    .time({ from: 'now-3h', to: 'now' })
    .withVariable(new DatasourceVariableBuilder('parallax').label('Parallax').type(PLUGIN_ID))
    .withVariable(pluginVariable('service', 'service', 'services'))
    .withVariable(pluginVariable('baseline', 'baseline', 'envs(role=old)').multi(true))
    .withVariable(pluginVariable('candidate', 'candidate', 'envs(role=new)').multi(true))
    .annotation(
      new AnnotationQueryBuilder()
        .name('Compare verdicts')
        .datasource(PARALLAX_DS)
        .enable(true)
        .iconColor('red')
        .target(q('verdicts', { windows: 6 })),
    )
    .withPanel(
      new StatPanel()
        .title('Verdict')
        .datasource(PARALLAX_DS)
        .gridPos({ h: 6, w: 6, x: 0, y: 0 })
        .textMode(BigValueTextMode.ValueAndName)
        .reduceOptions(
          new ReduceDataOptionsBuilder().values(false).calcs(['lastNotNull']).fields('/^(verdict|score)$/'),
        )
        .withTarget(q('compare', { part: 'verdict' })),
    )
    .withPanel(table('Signals', 'compare', { h: 6, w: 18, x: 6, y: 0 }, { part: 'signals' }))
    .withPanel(table('Culprits', 'compare', { h: 6, w: 24, x: 0, y: 6 }, { part: 'culprits' }))
    .withPanel(
      new TimeseriesPanel()
        .title('Latency p99 per env')
        .datasource(PARALLAX_DS)
        .unit('ms')
        .gridPos({ h: 8, w: 12, x: 0, y: 12 })
        .withTarget(
          new ParallaxQueryBuilder('A', 'signals', {
            service: '$service',
            envs: ['$baseline', '$candidate'],
            signals: ['LATENCY_P99'],
          }),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .title('Requests per second per env')
        .datasource(PARALLAX_DS)
        .unit('reqps')
        .gridPos({ h: 8, w: 12, x: 12, y: 12 })
        .withTarget(
          new ParallaxQueryBuilder('A', 'signals', {
            service: '$service',
            envs: ['$baseline', '$candidate'],
            signals: ['REQUEST_RATE'],
          }),
        ),
    )
    .withPanel(table('Migration table', 'migration', { h: 6, w: 24, x: 0, y: 20 }))
    .withPanel(table('Operations', 'operations', { h: 8, w: 24, x: 0, y: 26 }))
    .withPanel(table('New and grown error log patterns', 'logPatterns', { h: 8, w: 24, x: 0, y: 34 }))
    .build();
}
