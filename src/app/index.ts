export { createApp, SCHEMA_DIR, type App, type AppOptions, type Lifecycle } from './create-app.js';
export { buildServices, type Services } from './services.js';
export { Gateway } from './gateway.js';
