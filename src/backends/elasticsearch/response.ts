import { z } from 'zod';

// Only what Parallax reads; unknown keys are ignored, wrong types fail the parse.
const sortValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const hitSchema = z.object({
  _id: z.string().optional(),
  _source: z.record(z.string(), z.unknown()).optional(),
  fields: z.record(z.string(), z.array(z.unknown())).optional(),
  sort: z.array(sortValue).optional(),
});
export type EsHit = z.infer<typeof hitSchema>;

const totalSchema = z.union([z.number(), z.object({ value: z.number(), relation: z.string() })]);

const shardsSchema = z.object({ total: z.number(), failed: z.number() }).optional();

export const searchResponseSchema = z.object({
  timed_out: z.boolean().optional(),
  _shards: shardsSchema,
  hits: z.object({ total: totalSchema.optional(), hits: z.array(hitSchema) }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

const levelBucket = z.object({ key: z.union([z.string(), z.number()]), doc_count: z.number() });

export const volumeResponseSchema = z.object({
  timed_out: z.boolean().optional(),
  _shards: shardsSchema,
  aggregations: z.object({
    volume: z.object({
      buckets: z.array(
        z.object({
          key: z.number(),
          doc_count: z.number(),
          levels: z.object({ buckets: z.array(levelBucket) }),
        }),
      ),
    }),
  }),
});
export type VolumeResponse = z.infer<typeof volumeResponseSchema>;

export const nodesVersionSchema = z.object({
  nodes: z.record(z.string(), z.object({ version: z.string() })),
});

export const healthResponseSchema = z.object({ status: z.string(), cluster_name: z.string().optional() });

/** The `error` body Elasticsearch sends with a 4xx/5xx. */
export const errorBodySchema = z.object({
  error: z.union([
    z.string(),
    z.object({
      type: z.string().optional(),
      reason: z.string().nullish(),
      root_cause: z.array(z.object({ type: z.string().optional(), reason: z.string().nullish() })).optional(),
    }),
  ]),
});

export function totalOf(res: SearchResponse): number {
  const total = res.hits.total;
  if (total === undefined) return res.hits.hits.length;
  return typeof total === 'number' ? total : total.value;
}

/** Why an answer is incomplete (some shards failed or timed out), if it is. */
export function partialReason(res: {
  timed_out?: boolean | undefined;
  _shards?: { total: number; failed: number } | undefined;
}): string | undefined {
  if (res._shards && res._shards.failed > 0)
    return `${res._shards.failed} of ${res._shards.total} shards failed`;
  if (res.timed_out) return 'the search timed out on some shards';
  return undefined;
}
