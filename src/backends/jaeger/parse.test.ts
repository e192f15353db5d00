import { describe, expect, it } from 'vitest';
import { assembleTraces } from '../../traces/assemble.js';
import { groupByTrace } from './group.js';
import { legacyEnvelope, legacyTraces, spansFromLegacy } from './legacy-model.js';
import { spansFromOtlp, v3Envelope } from './otlp.js';

const START_NS = 1_700_000_000_123_456_789n;

const otlpBody = {
  result: {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'payment-api' } },
            { key: 'host', value: { stringValue: 'vm1' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'x' },
            spans: [
              {
                traceId: '0AF7651916CD43DD8448EB211C80319C',
                spanId: '00F067AA0BA902B7',
                name: 'GET /pay',
                kind: 2,
                startTimeUnixNano: START_NS.toString(),
                endTimeUnixNano: (START_NS + 12_345_000n).toString(),
                attributes: [
                  { key: 'http.status_code', value: { intValue: '500' } },
                  { key: 'big', value: { intValue: '9007199254740993' } },
                  { key: 'ratio', value: { doubleValue: 0.5 } },
                  {
                    key: 'list',
                    value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } },
                  },
                ],
                events: [{ timeUnixNano: START_NS.toString(), name: 'retry', attributes: [] }],
                status: { code: 2, message: 'boom' },
              },
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId: '1111111111111111',
                parentSpanId: '00f067aa0ba902b7',
                name: 'redis GET',
                kind: 'SPAN_KIND_CLIENT',
                startTimeUnixNano: (START_NS + 1000n).toString(),
                endTimeUnixNano: (START_NS + 2_001_000n).toString(),
              },
            ],
          },
        ],
      },
    ],
  },
};

describe('api_v3 OTLP JSON', () => {
  const spans = spansFromOtlp(v3Envelope.parse(otlpBody).result, 'kr-vm');

  it('normalises ids, kinds, status and keeps ns precision', () => {
    const [root, child] = spans;
    expect(root).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: '00f067aa0ba902b7',
      env: 'kr-vm',
      service: 'payment-api',
      operation: 'GET /pay',
      kind: 'server',
      startNs: '1700000000123456789',
      startMs: 1_700_000_000_123.456,
      durationUs: 12_345,
      durationMs: 12.345,
      status: 'error',
      error: true,
      statusMessage: 'boom',
      resource: { host: 'vm1' },
    });
    expect(root?.parentSpanId).toBeUndefined();
    expect(child).toMatchObject({
      kind: 'client',
      parentSpanId: '00f067aa0ba902b7',
      status: 'unset',
      error: false,
    });
  });

  it('keeps int64 exact: a number when safe, else its decimal string', () => {
    expect(spans[0]?.attributes).toEqual({
      'http.status_code': 500,
      big: '9007199254740993',
      ratio: 0.5,
      list: '["a",1]',
    });
  });

  it('assembles a trace with root, start and duration', () => {
    const [trace] = assembleTraces(groupByTrace(spans));
    expect(trace).toMatchObject({
      rootService: 'payment-api',
      rootOperation: 'GET /pay',
      durationUs: 12_345,
      errorCount: 1,
    });
    expect(trace?.spans).toHaveLength(2);
  });

  it('rejects a malformed id or a missing field', () => {
    const bad = structuredClone(otlpBody);
    const span = bad.result.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    if (span) span.traceId = 'not-hex';
    expect(v3Envelope.safeParse(bad).success).toBe(false);
    expect(
      v3Envelope.safeParse({ result: { resourceSpans: [{ scopeSpans: [{ spans: [{}] }] }] } }).success,
    ).toBe(false);
  });
});

describe('legacy JSON', () => {
  const body = {
    data: [
      {
        traceID: '8448eb211c80319c',
        spans: [
          {
            traceID: '8448eb211c80319c',
            spanID: '00f067aa0ba902b7',
            operationName: 'GET /pay',
            references: [],
            startTime: 1_700_000_000_123_456,
            duration: 12_345,
            tags: [
              { key: 'span.kind', type: 'string', value: 'server' },
              { key: 'error', type: 'bool', value: true },
              { key: 'otel.status_code', type: 'string', value: 'ERROR' },
              { key: 'otel.status_description', type: 'string', value: 'boom' },
              { key: 'otel.scope.name', type: 'string', value: 'x' },
              { key: 'big', type: 'int64', value: '9007199254740993' },
              { key: 'http.status_code', type: 'int64', value: 500 },
            ],
            logs: [
              {
                timestamp: 1_700_000_000_123_456,
                fields: [{ key: 'event', type: 'string', value: 'retry' }],
              },
            ],
            processID: 'p1',
            warnings: null,
          },
          {
            traceID: '8448eb211c80319c',
            spanID: '1111111111111111',
            operationName: 'redis GET',
            references: [{ refType: 'CHILD_OF', traceID: '8448eb211c80319c', spanID: '00f067aa0ba902b7' }],
            startTime: 1_700_000_000_123_457,
            duration: 2000,
            tags: null,
            logs: null,
            processID: 'p1',
          },
        ],
        processes: {
          p1: { serviceName: 'payment-api', tags: [{ key: 'host', type: 'string', value: 'vm1' }] },
        },
        warnings: null,
      },
    ],
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  };

  const parsed = legacyEnvelope(legacyTraces).parse(body);
  const spans = spansFromLegacy(parsed.data ?? [], 'kr-k8s');

  it('pads a 16-digit trace id and turns synthetic tags back into fields', () => {
    expect(spans[0]).toMatchObject({
      traceId: '00000000000000008448eb211c80319c',
      service: 'payment-api',
      kind: 'server',
      status: 'error',
      error: true,
      statusMessage: 'boom',
      startNs: '1700000000123456000',
      durationUs: 12_345,
      attributes: { big: '9007199254740993', 'http.status_code': 500 },
      resource: { host: 'vm1' },
      events: [{ name: 'retry', attributes: {} }],
    });
    expect(spans[1]).toMatchObject({ parentSpanId: '00f067aa0ba902b7', kind: 'unspecified', error: false });
  });

  it('reads null lists as empty and rejects wrong shapes', () => {
    expect(legacyEnvelope(legacyTraces).parse({ data: null, errors: null }).data).toBeNull();
    expect(legacyEnvelope(legacyTraces).safeParse({ data: [{ traceID: 'zz', spans: [] }] }).success).toBe(
      false,
    );
  });
});
