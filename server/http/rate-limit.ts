export type RateLimitOptions = {
  /** Requests a token may make at once after being idle. */
  burst: number;
  /** Requests a token regains per second. */
  perSecond: number;
};

/** A generous default: a new device pulls its snapshot in a quick run of pages. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 600, perSecond: 20 };

/** Idle buckets are dropped past this many keys, so keys that never return cannot fill memory. */
const PRUNE_ABOVE = 10_000;

type Bucket = { tokens: number; updatedAt: number };

/**
 * A token bucket per key (the hash of the presented token), in this process's memory: several
 * server processes each allow the full rate, which is fine for a limit meant to stop runaway
 * clients, not to meter them.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds until one is. */
  take(key: string, now: number): number {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.options.burst, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    return {
      tokens: Math.min(this.options.burst, bucket.tokens + elapsedSeconds * this.options.perSecond),
      updatedAt: now,
    };
  }

  /** A full bucket is the same as none at all. */
  private prune(now: number): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refilled(key, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
  }
}
