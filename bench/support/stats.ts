/** The median, with the two middle values averaged for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Rounded to 0.01: more digits than the timer's jitter only add noise to diffs of results.json. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `name` (median), `name_min` and `name_max`, ready to merge into the results. */
export function summarize(name: string, samples: readonly number[]): Record<string, number> {
  return {
    [name]: round(median(samples)),
    [`${name}_min`]: round(Math.min(...samples)),
    [`${name}_max`]: round(Math.max(...samples)),
  };
}

/** The nearest-rank percentile (p in 0–100): a value that was actually measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((first, second) => first - second);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** `name_p95_ms`, `name_p50_ms` and `name_max_ms` from one list of latencies. */
export function summarizeLatencies(name: string, samples: readonly number[]): Record<string, number> {
  return {
    [`${name}_p95_ms`]: round(percentile(samples, 95)),
    [`${name}_p50_ms`]: round(percentile(samples, 50)),
    [`${name}_max_ms`]: round(Math.max(...samples)),
  };
}
