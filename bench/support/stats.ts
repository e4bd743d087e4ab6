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
