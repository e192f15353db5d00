interface Bucket {
  le: number;
  count: number;
}

/** Prometheus' bucketQuantile: linear interpolation inside the bucket that holds the rank. */
export function bucketQuantile(phi: number, input: readonly Bucket[]): number {
  if (Number.isNaN(phi)) return NaN;
  if (phi < 0) return -Infinity;
  if (phi > 1) return Infinity;
  const buckets = [...input].sort((a, b) => a.le - b.le);
  const last = buckets[buckets.length - 1];
  if (buckets.length < 2 || !last || last.le !== Infinity) return NaN;
  // Counts may dip from float precision or a scrape race; Prometheus makes them monotonic first.
  for (let i = 1; i < buckets.length; i++) {
    const prev = buckets[i - 1] as Bucket;
    const cur = buckets[i] as Bucket;
    if (cur.count < prev.count) buckets[i] = { le: cur.le, count: prev.count };
  }
  const total = (buckets[buckets.length - 1] as Bucket).count;
  if (total === 0) return NaN;
  let rank = phi * total;
  const b = buckets.findIndex((x) => x.count >= rank);
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).le;
  const bucket = buckets[b] as Bucket;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  let start = 0;
  let count = bucket.count;
  if (b > 0) {
    const prev = buckets[b - 1] as Bucket;
    start = prev.le;
    count -= prev.count;
    rank -= prev.count;
  }
  return start + (bucket.le - start) * (rank / count);
}
