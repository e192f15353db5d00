import { queryDataJson, type QueryData, type QueryJson } from '../../series/index.js';

/** The query API's success body around an answer already written as JSON text. */
export function querySuccessBody(data: QueryJson, warnings: readonly string[]): string {
  return `${head(data)}${data.result}${tail(warnings)}`;
}

/** The query API's success body of an evaluated answer. */
export function serializeQuerySuccess(data: QueryData, warnings: readonly string[]): string {
  return querySuccessBody(queryDataJson(data), warnings);
}

const head = (data: QueryJson): string =>
  `{"status":"success","data":{"resultType":"${data.resultType}","result":`;
const tail = (warnings: readonly string[]): string =>
  warnings.length > 0 ? `},"warnings":${JSON.stringify(warnings)}}` : '}}';

const LARGE = 256 * 1024;
const encoder = new TextEncoder();
// Large results recently sent, as bytes: callers sharing one answer (singleflight, cache hits)
// then send the same bytes instead of each encoding its own copy.
const recent: { text: string; bytes: Uint8Array }[] = [];

function encodedOnce(text: string): Uint8Array {
  const hit = recent.find((r) => r.text === text);
  if (hit) return hit.bytes;
  const bytes = encoder.encode(text);
  recent.unshift({ text, bytes });
  if (recent.length > 4) recent.pop();
  return bytes;
}

/** The body as a string, or for a large result a stream whose middle chunk is shared bytes. */
export function querySuccessResponse(
  data: QueryJson,
  warnings: readonly string[],
): string | ReadableStream<Uint8Array> {
  if (data.result.length < LARGE) return querySuccessBody(data, warnings);
  const chunks = [encoder.encode(head(data)), encodedOnce(data.result), encoder.encode(tail(warnings))];
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}
