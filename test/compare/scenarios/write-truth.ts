/** Regenerates test/compare/scenarios/truth/*.json after a change to the catalog or the generators. */
import { writeTruths, TRUTH_DIR } from './truth.js';

console.log(`wrote ${writeTruths()} truth files to ${TRUTH_DIR}`);
