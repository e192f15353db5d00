export { windowQueries, integrateCounts, type WindowQueries } from './window.js';
