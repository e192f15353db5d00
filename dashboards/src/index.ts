import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { gatewayHealth } from './gateway-health.js';
import { migrationOverview } from './migration-overview.js';
import { serviceCompare } from './service-compare.js';

/** Every shipped dashboard by its file in dashboards/ (the committed JSON is this code's output). */
export const DASHBOARDS: Record<string, () => Dashboard> = {
  'service-across-envs.json': migrationOverview,
  'service-compare.json': serviceCompare,
  'gateway-health.json': gatewayHealth,
};

/** Panels numbered in layout order (Grafana needs an id per panel for links and the panel editor). */
function numbered(d: Dashboard): Dashboard {
  (d.panels ?? []).forEach((p, i) => {
    (p as { id?: number }).id ??= i + 1;
  });
  return d;
}

export const render = (build: () => Dashboard): string => `${JSON.stringify(numbered(build()), null, 2)}\n`;
