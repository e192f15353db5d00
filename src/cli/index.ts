export { runCli } from './run.js';
export { parseCli, USAGE, UsageError, type IncidentArgs, type Parsed } from './args.js';
export { runIncident, type Io } from './incident.js';
export { EXIT, type ExitCode } from './exit-codes.js';
