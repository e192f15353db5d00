import type { SelectableValue } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { EnvInfo, QueryType } from '../types';

export const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = [
  { value: 'signals', label: 'Signals', description: 'RED signals per env (time series)' },
  { value: 'compare', label: 'Compare', description: 'Verdict, per-signal verdicts and culprits' },
  { value: 'operations', label: 'Operations', description: 'Per-operation baseline vs candidate' },
  { value: 'logPatterns', label: 'Log patterns', description: 'New and grown error log patterns' },
  { value: 'migration', label: 'Migration table', description: 'TPS, errors, fail rate, p50/p99 per env' },
  { value: 'verdicts', label: 'Verdicts over time', description: 'Failed or changed verdicts (annotations)' },
  { value: 'traces', label: 'Traces', description: 'Trace search, or one trace by id' },
  { value: 'logs', label: 'Logs', description: 'Log lines of every env' },
];

/** Types that run a compare and so need a baseline and a candidate. */
export const COMPARE_TYPES: ReadonlySet<QueryType> = new Set([
  'compare',
  'operations',
  'logPatterns',
  'migration',
  'verdicts',
]);

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** Dashboard variables, offered next to the gateway's values (`$service`, `$baseline`, ...). */
export const variableOptions = (): Array<SelectableValue<string>> =>
  getTemplateSrv()
    .getVariables()
    .map((v) => ({ value: `$${v.name}`, label: `$${v.name}`, description: 'dashboard variable' }));

export const envOptions = (envs: EnvInfo[]): Array<SelectableValue<string>> => [
  ...envs.map((e) => ({
    value: e.name,
    label: e.name,
    description: e.labels.map((l) => `${l.name}=${l.value}`).join(' '),
  })),
  ...variableOptions(),
];

export const plainOptions = (values: string[]): Array<SelectableValue<string>> => [
  ...values.map((v) => ({ value: v, label: v })),
  ...variableOptions(),
];

/** Selected values, including ones the gateway did not list (e.g. a variable). */
export const selected = (values: string[] | undefined, options: Array<SelectableValue<string>>) =>
  (values ?? []).map((v) => options.find((o) => o.value === v) ?? { value: v, label: v });
