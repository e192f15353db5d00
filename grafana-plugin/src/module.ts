import { DataSourcePlugin } from '@grafana/data';
import { DataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import type { ParallaxOptions, ParallaxQuery, ParallaxSecureOptions } from './types';

export const plugin = new DataSourcePlugin<DataSource, ParallaxQuery, ParallaxOptions, ParallaxSecureOptions>(
  DataSource,
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
