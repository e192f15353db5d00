export const SIGNALS = [
  'request_rate',
  'error_ratio',
  'latency_p50',
  'latency_p90',
  'latency_p99',
  'availability',
] as const;
export type SignalName = (typeof SIGNALS)[number];

export interface SignalInfo {
  name: SignalName;
  unit: 'req/s' | 'ratio' | 'ms';
  /** Which way is worse, for comparisons. */
  direction: 'increase_is_bad' | 'decrease_is_bad';
  description: string;
}

export const SIGNAL_INFO: Record<SignalName, SignalInfo> = {
  request_rate: {
    name: 'request_rate',
    unit: 'req/s',
    direction: 'decrease_is_bad',
    description: 'requests per second',
  },
  error_ratio: {
    name: 'error_ratio',
    unit: 'ratio',
    direction: 'increase_is_bad',
    description: 'share of 5xx responses',
  },
  latency_p50: {
    name: 'latency_p50',
    unit: 'ms',
    direction: 'increase_is_bad',
    description: 'median latency',
  },
  latency_p90: {
    name: 'latency_p90',
    unit: 'ms',
    direction: 'increase_is_bad',
    description: '90th percentile latency',
  },
  latency_p99: {
    name: 'latency_p99',
    unit: 'ms',
    direction: 'increase_is_bad',
    description: '99th percentile latency',
  },
  availability: {
    name: 'availability',
    unit: 'ratio',
    direction: 'decrease_is_bad',
    description: 'share of non-5xx responses',
  },
};

export const isSignal = (s: string): s is SignalName => (SIGNALS as readonly string[]).includes(s);
