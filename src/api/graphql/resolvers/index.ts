export { envResolvers } from './envs.js';
export { metricsResolvers, toGqlSeries, toSignalSeries } from './metrics.js';
export { tracesResolvers } from './traces.js';
export { logsResolvers } from './logs.js';
export { compareResolvers } from './compare.js';
export { serviceResolvers } from './service.js';
