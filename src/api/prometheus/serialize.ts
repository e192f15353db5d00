import { queryDataJson, type QueryData, type QueryJson } from '../../series/index.js';

/** The query API's success body around an answer already written as JSON text. */
export function querySuccessBody(data: QueryJson, warnings: readonly string[]): string {
  const tail = warnings.length > 0 ? `,"warnings":${JSON.stringify(warnings)}}` : '}';
  return `{"status":"success","data":{"resultType":"${data.resultType}","result":${data.result}}${tail}`;
}

/** The query API's success body of an evaluated answer. */
export function serializeQuerySuccess(data: QueryData, warnings: readonly string[]): string {
  return querySuccessBody(queryDataJson(data), warnings);
}
