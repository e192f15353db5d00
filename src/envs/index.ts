export { EnvRegistry } from './registry.js';
