import type { TracesConfig } from '../../config/index.js';
import type { HttpTarget } from '../http/index.js';
import { AutoJaeger } from './auto.js';
import type { JaegerClient } from './client.js';
import { LegacyJaeger } from './legacy.js';
import { V3Jaeger } from './v3.js';

/** The client for one env's configured API flavour. Keep it per env: `auto` remembers its probe. */
export function createJaegerClient(target: HttpTarget, api: TracesConfig['api']): JaegerClient {
  if (api === 'v3') return new V3Jaeger(target);
  if (api === 'legacy') return new LegacyJaeger(target);
  return new AutoJaeger(target);
}
