const SIZE = 128;
const MIN_SAMPLES = 20;

/** Recent successful call times of one replica group; its p95 says when a node is late. */
export class LatencyWindow {
  private readonly samples = new Float64Array(SIZE);
  private count = 0;
  private cached: number | undefined;

  add(ms: number): void {
    this.samples[this.count % SIZE] = ms;
    this.count++;
    // Recomputed at most every 16 samples: the sort stays off the hot path.
    if (this.count % 16 === 0) this.cached = undefined;
  }

  /** The 95th percentile, once there are enough samples to trust it. */
  p95(): number | undefined {
    if (this.count < MIN_SAMPLES) return undefined;
    if (this.cached === undefined) {
      const sorted = this.samples.slice(0, Math.min(this.count, SIZE)).sort();
      this.cached = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
    }
    return this.cached;
  }
}
