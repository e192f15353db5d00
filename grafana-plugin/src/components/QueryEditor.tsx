import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, MultiSelect, Select, Alert } from '@grafana/ui';
import type { DataSource } from '../datasource';
import { COMPARE_PARTS, type ParallaxOptions, type ParallaxQuery, type QueryType } from '../types';
import { COMPARE_TYPES, LEVELS, QUERY_TYPE_OPTIONS, envOptions, plainOptions, selected } from './options';
import { useGatewayLists } from './useGatewayLists';

type Props = QueryEditorProps<DataSource, ParallaxQuery, ParallaxOptions>;
type ListKey = 'envs' | 'baseline' | 'candidate' | 'signals' | 'levels';
type TextKey = 'operation' | 'minDuration' | 'traceId' | 'text';

const W = 16;

export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const lists = useGatewayLists(datasource);
  const type: QueryType = query.queryType ?? 'signals';
  const envs = envOptions(lists.envs);
  const services = plainOptions(lists.services);

  const set = (patch: Partial<ParallaxQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const setList = (key: ListKey) => (values: Array<SelectableValue<string>>) =>
    set({ [key]: values.map((v) => v.value).filter((v): v is string => Boolean(v)) });
  const setText = (key: TextKey) => (e: React.FormEvent<HTMLInputElement>) =>
    onChange({ ...query, [key]: e.currentTarget.value });

  const multi = (key: ListKey, label: string, options: Array<SelectableValue<string>>, tooltip: string) => (
    <InlineField label={label} labelWidth={W} tooltip={tooltip} grow>
      <MultiSelect
        aria-label={label}
        inputId={`parallax-${key}-${query.refId}`}
        options={options}
        value={selected(query[key], options)}
        onChange={setList(key)}
        allowCustomValue
        placeholder="all"
      />
    </InlineField>
  );
  const input = (key: TextKey, label: string, placeholder: string) => (
    <InlineField label={label} labelWidth={W}>
      <Input
        aria-label={label}
        value={query[key] ?? ''}
        placeholder={placeholder}
        onChange={setText(key)}
        onBlur={onRunQuery}
        width={32}
      />
    </InlineField>
  );

  return (
    <div data-testid="parallax-query-editor">
      {lists.error && (
        <Alert title="Parallax gateway" severity="warning">
          {lists.error}
        </Alert>
      )}
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={W}>
          <Select
            aria-label="Query type"
            inputId={`parallax-type-${query.refId}`}
            options={QUERY_TYPE_OPTIONS}
            value={type}
            onChange={(v) => v.value && set({ queryType: v.value })}
            width={28}
          />
        </InlineField>
        <InlineField
          label="Service"
          labelWidth={W}
          tooltip="Services reporting spans, or a variable such as $service"
        >
          <Select
            aria-label="Service"
            inputId={`parallax-service-${query.refId}`}
            options={services}
            value={
              query.service
                ? (services.find((o) => o.value === query.service) ?? {
                    value: query.service,
                    label: query.service,
                  })
                : null
            }
            onChange={(v) => set({ service: v.value ?? '' })}
            allowCustomValue
            width={32}
          />
        </InlineField>
      </InlineFieldRow>
      {COMPARE_TYPES.has(type) ? (
        <InlineFieldRow>
          {multi('baseline', 'Baseline', envs, 'Old side, e.g. the VMs ($baseline)')}
          {multi('candidate', 'Candidate', envs, 'New side, e.g. Kubernetes ($candidate)')}
        </InlineFieldRow>
      ) : (
        <InlineFieldRow>{multi('envs', 'Envs', envs, 'Empty: every env')}</InlineFieldRow>
      )}
      {type === 'compare' && (
        <InlineFieldRow>
          <InlineField
            label="Part"
            labelWidth={W}
            tooltip="One frame for a stat or table panel; all three when empty"
          >
            <Select
              aria-label="Part"
              options={COMPARE_PARTS.map((p) => ({ value: p, label: p }))}
              value={query.part ?? null}
              onChange={(v) => {
                const { part: _drop, ...rest } = query;
                onChange(v?.value ? { ...rest, part: v.value } : rest);
                onRunQuery();
              }}
              isClearable
              width={20}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {type === 'signals' && (
        <InlineFieldRow>
          {multi('signals', 'Signals', plainOptions(lists.signals), 'Default: rate, errors, p50, p99')}
        </InlineFieldRow>
      )}
      {type === 'traces' && (
        <InlineFieldRow>
          {input('operation', 'Operation', 'any')}
          {input('minDuration', 'Min duration', '250ms')}
          {input('traceId', 'Trace id', 'search when empty')}
        </InlineFieldRow>
      )}
      {type === 'logs' && (
        <InlineFieldRow>
          {multi('levels', 'Levels', plainOptions(LEVELS), 'Empty: every level')}
          {input('text', 'Text', 'plain words, all required')}
        </InlineFieldRow>
      )}
      {type === 'verdicts' && (
        <InlineFieldRow>
          <InlineField
            label="Windows"
            labelWidth={W}
            tooltip="The range is cut into this many compared windows (1-12)"
          >
            <Input
              aria-label="Windows"
              type="number"
              value={query.windows ?? 6}
              onChange={(e) => onChange({ ...query, windows: Number(e.currentTarget.value) })}
              onBlur={onRunQuery}
              width={10}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </div>
  );
}
