export { SCENARIOS, scenarioNamed, PATTERNS } from './catalog.js';
export type { Expected, Scenario, ScenarioClass, SideKey, Truth, TruthCulprit } from './model.js';
export { sideSamples, TEMPLATE_OF } from './metrics.js';
export { sideSpans, storedTraces, traceCounts } from './traces.js';
export { sideLogs, type ScenarioLogLine } from './logs.js';
export { readTruth, truthOf, renderTruth, truthFile, writeTruths } from './truth.js';
export { ENV_OF, SIDES } from './time.js';
