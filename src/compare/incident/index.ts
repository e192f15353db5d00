export { IncidentService } from './service.js';
export { incidentMarkdown } from './markdown.js';
export { incidentWindows, checkAt, checkWindow, MAX_INCIDENT_WINDOW_MS } from './windows.js';
export * from './types.js';
