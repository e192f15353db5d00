export { createApp, SCHEMA_DIR, type App } from './create-app.js';
export { buildServices, type Services } from './services.js';
