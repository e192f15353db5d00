import type * as cog from '@grafana/grafana-foundation-sdk/cog';

/** The Parallax plugin's id (grafana-plugin/src/plugin.json) and the datasource variable of its dashboards. */
export const PLUGIN_ID = 'parallax-gateway-datasource';
export const PARALLAX_DS = { type: PLUGIN_ID, uid: '${parallax}' };

/** A Parallax plugin query (grafana-plugin/src/types.ts ParallaxQuery) as a foundation-sdk target. */
export interface ParallaxTarget extends cog.Dataquery {
  refId: string;
  datasource: { type: string; uid: string };
  queryType: string;
  service?: string;
  envs?: string[];
  baseline?: string[];
  candidate?: string[];
  signals?: string[];
  part?: string;
  limit?: number;
  order?: string;
  levels?: string[];
  windows?: number;
}

export type ParallaxFields = Omit<
  ParallaxTarget,
  'refId' | 'queryType' | 'datasource' | '_implementsDataqueryVariant'
>;

export class ParallaxQueryBuilder implements cog.Builder<cog.Dataquery> {
  private readonly internal: ParallaxTarget;

  constructor(refId: string, queryType: string, fields: ParallaxFields = {}) {
    this.internal = {
      refId,
      queryType,
      datasource: PARALLAX_DS,
      ...fields,
      // Marks the object as a query for the SDK's types; JSON.stringify drops it.
      _implementsDataqueryVariant() {},
    };
  }

  build(): ParallaxTarget {
    return this.internal;
  }
}

/** The compare sides every Service compare query uses. */
export const SIDES = { service: '$service', baseline: ['$baseline'], candidate: ['$candidate'] };
