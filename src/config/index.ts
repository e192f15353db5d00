export {
  configSchema,
  ECS_LOG_FIELDS,
  type Config,
  type EnvConfig,
  type PrometheusConfig,
  type TracesConfig,
  type LogsConfig,
  type LogFields,
  type SignalsConfig,
  type SignalTemplateName,
} from './schema.js';
export { parseConfig, loadConfigFile, substituteEnv, formatIssues } from './load.js';
export { resolveSecret, authHeader } from './secrets.js';
export type { AuthInput, SecretInput } from './auth.js';
export { withListenOverrides } from './listen.js';
export { watchConfigFile } from './watch.js';
export {
  accessSchema,
  type AccessConfig,
  type RoleConfig,
  type OidcConfig,
  type RateLimitConfig,
} from './access-schema.js';
