export { freePort, closedPort, blackhole } from './ports.js';
export { startProcess, waitReady, httpOk, type Managed } from './process.js';
