/**
 * Percentiles from the roll-up's latency histograms. Bucket 0 holds values under 1 ms; bucket
 * b ≥ 1 holds [10^((b−1)/24), 10^(b/24)) ms, as `dashboard.latency_bucket` (migration 0003)
 * assigns them: 24 buckets per decade, each about 10 % wide.
 */
export const BUCKETS_PER_DECADE = 24;

/** A histogram: bucket number → how many values fell in it. */
export type Histogram = Map<number, number>;

export function bucketBounds(bucket: number): [number, number] {
  if (bucket <= 0) return [0, 1];
  return [10 ** ((bucket - 1) / BUCKETS_PER_DECADE), 10 ** (bucket / BUCKETS_PER_DECADE)];
}

export function addTo(histogram: Histogram, bucket: number, count: number): void {
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
}

/**
 * `percentile_cont(fraction)` as if the values of each bucket were spread evenly across it: the
 * rank fraction × (n − 1) between the values around it, each value placed at the middle of its
 * share of the bucket. Exact to within the width of the bucket it falls in (10 %).
 */
export function histogramPercentile(histogram: Histogram, fraction: number): number | null {
  const buckets = [...histogram].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const valueAt = (rank: number): number => {
    let before = 0;
    for (const [bucket, count] of buckets) {
      if (rank < before + count) {
        const [low, high] = bucketBounds(bucket);
        return low + ((rank - before + 0.5) / count) * (high - low);
      }
      before += count;
    }
    const [, high] = bucketBounds(buckets.at(-1)?.[0] ?? 0);
    return high;
  };
  const rank = fraction * (total - 1);
  const below = Math.floor(rank);
  const lower = valueAt(below);
  return below === rank ? lower : lower + (rank - below) * (valueAt(below + 1) - lower);
}
