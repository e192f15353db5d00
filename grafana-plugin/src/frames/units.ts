/** Gateway units -> Grafana unit ids (the panel formats values with them). */
const UNITS: Record<string, string> = { ms: 'ms', 'req/s': 'reqps', ratio: 'percentunit' };

export const grafanaUnit = (gatewayUnit: string): string => UNITS[gatewayUnit] ?? gatewayUnit;
