import { afterAll, beforeAll, describe } from 'vitest';
import { RANGE, startPluginWorld, type PluginWorld } from './world.js';
import { datasourceSuite } from './datasource.suite.js';
import { dashboardsSuite } from './dashboards.suite.js';
import { editorsSuite } from './editors.suite.js';
import { genericGraphqlSuite } from './generic-graphql.suite.js';

// One world for every suite: starting Prometheus, Jaeger and Elasticsearch is the slow part.
const ctx = { range: RANGE } as { w: PluginWorld; range: typeof RANGE };

beforeAll(async () => {
  ctx.w = await startPluginWorld();
}, 300_000);
afterAll(async () => ctx.w?.stop());

describe('Parallax datasource plugin: query path on the real gateway', () => datasourceSuite(ctx));
describe('shipped dashboards replayed against the gateway', () => dashboardsSuite(ctx));
describe('query and config editors in headless Chromium', () => editorsSuite(ctx));
describe('a stock GraphQL/JSON datasource (README example)', () => genericGraphqlSuite(ctx));
