import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { InlineField, Input, SecretInput } from '@grafana/ui';
import type { ParallaxOptions, ParallaxSecureOptions } from '../types';

type Props = DataSourcePluginOptionsEditorProps<ParallaxOptions, ParallaxSecureOptions>;

/** Gateway URL (jsonData) and bearer token (secureJsonData: stored encrypted, sent only by the proxy). */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const tokenSet = Boolean(options.secureJsonFields?.['token']);
  return (
    <div data-testid="parallax-config-editor">
      <InlineField label="Gateway URL" labelWidth={20} tooltip="Parallax as Grafana's server reaches it">
        <Input
          aria-label="Gateway URL"
          width={48}
          placeholder="http://parallax:9480"
          value={options.jsonData.gatewayUrl ?? ''}
          onChange={(e) =>
            onOptionsChange({
              ...options,
              jsonData: { ...options.jsonData, gatewayUrl: e.currentTarget.value },
            })
          }
        />
      </InlineField>
      <InlineField
        label="Token"
        labelWidth={20}
        tooltip="server.authToken of the gateway; empty when it has none"
      >
        <SecretInput
          aria-label="Token"
          width={48}
          isConfigured={tokenSet}
          value={options.secureJsonData?.token ?? ''}
          placeholder="bearer token"
          onChange={(e) =>
            onOptionsChange({
              ...options,
              secureJsonData: { ...options.secureJsonData, token: e.currentTarget.value },
            })
          }
          onReset={() =>
            onOptionsChange({
              ...options,
              secureJsonFields: { ...options.secureJsonFields, token: false },
              secureJsonData: { ...options.secureJsonData, token: '' },
            })
          }
        />
      </InlineField>
    </div>
  );
}
