export type { AccessConfig, RoleConfig, OidcConfig, RateLimitConfig } from '../config/index.js';
export { Grant } from './grant.js';
export { runWithGrant, currentGrant } from './context.js';
export { Authenticator } from './authenticate.js';
export { RateLimiter } from './rate-limit.js';
export { accessControl, type AccessRoutes } from './middleware.js';
export { sha256Hex } from './tokens.js';
export { assertService, assertAllServices } from './services.js';
export { serviceGuard } from './service-guard.js';
