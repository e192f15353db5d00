export { prometheusApi } from './routes.js';
