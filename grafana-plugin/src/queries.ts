/** GraphQL documents the plugin sends; every field is in the gateway's schema/*.graphql. */

export const ENVS = /* GraphQL */ `
  query ParallaxEnvs {
    envs {
      name
      labels {
        name
        value
      }
      backends
    }
  }
`;

export const SIGNAL_NAMES = /* GraphQL */ `
  query ParallaxSignalNames {
    __type(name: "Signal") {
      enumValues {
        name
      }
    }
  }
`;

export const SIGNALS = /* GraphQL */ `
  query ParallaxSignals($service: String!, $range: TimeRangeInput!, $envs: [String!], $signals: [Signal!]) {
    signals(service: $service, range: $range, envs: $envs, signals: $signals) {
      env
      signal
      unit
      query
      series {
        labels {
          name
          value
        }
        points {
          t
          value
        }
      }
    }
  }
`;

const COMPARE_ARGS = `$service: String!, $range: TimeRangeInput!, $baseline: [String!]!, $candidate: [String!]!`;
const compare = (name: string, selection: string): string => /* GraphQL */ `
  query ${name}(${COMPARE_ARGS}) {
    compare(service: $service, baseline: $baseline, candidate: $candidate, range: $range) {
      ${selection}
    }
  }
`;

const SIDE_STATS = 'count errorCount errorRatio p50Ms p90Ms p99Ms';
const PATTERN =
  'template isNew count baselineCount perRequest baselinePerRequest firstSeen lastSeen example traceIds';

export const COMPARE = compare(
  'ParallaxCompare',
  `verdict { verdict score reason missing { env side backend code } }
   signals { signal verdict reason critical baseline candidate shift relativeEffect pValue }
   culprits { rank signal verdict env score summary }`,
);
export const OPERATIONS = compare(
  'ParallaxOperations',
  `operations { operation spanKind deltaP50Ms deltaP90Ms deltaP99Ms deltaErrorRatio
     baseline { ${SIDE_STATS} } candidate { ${SIDE_STATS} } }`,
);
export const LOG_PATTERNS = compare(
  'ParallaxLogPatterns',
  `logPatterns { newPatterns { ${PATTERN} } grown { ${PATTERN} } }`,
);
export const MIGRATION = compare(
  'ParallaxMigration',
  `migration { env side windowSeconds requests avgThroughput peakThroughput successes errors failureRate p50Ms p99Ms }`,
);
export const VERDICT = compare('ParallaxVerdict', `verdict { verdict score reason }`);

export const TRACES = /* GraphQL */ `
  query ParallaxTraces(
    $service: String!
    $range: TimeRangeInput!
    $envs: [String!]
    $operation: String
    $minDuration: String
    $limit: Int
    $order: TraceOrder
  ) {
    traces(
      service: $service
      envs: $envs
      range: $range
      operation: $operation
      minDuration: $minDuration
      limit: $limit
      order: $order
    ) {
      traceId
      envs
      rootService
      rootOperation
      startTime
      durationMs
      spanCount
      errorCount
    }
  }
`;

export const TRACE = /* GraphQL */ `
  query ParallaxTrace($id: ID!, $envs: [String!]) {
    trace(id: $id, envs: $envs) {
      traceId
      found
      trace {
        spans {
          traceId
          spanId
          parentSpanId
          env
          service
          operation
          kind
          startMs
          durationMs
          error
          statusMessage
          attributes {
            key
            value
          }
          resource {
            key
            value
          }
        }
      }
    }
  }
`;

export const LOGS = /* GraphQL */ `
  query ParallaxLogs(
    $service: String!
    $range: TimeRangeInput!
    $envs: [String!]
    $levels: [String!]
    $text: String
    $limit: Int
  ) {
    logs(service: $service, envs: $envs, range: $range, levels: $levels, text: $text, limit: $limit) {
      records {
        env
        timestampMs
        level
        message
        traceId
        spanId
        statusCode
      }
    }
  }
`;
