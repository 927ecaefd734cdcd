/**
 * Per-user and per-channel token buckets. Pure apart from its own state: the clock is
 * injected, so tests step time by hand and nothing here sets a timer.
 */

/** `capacity` requests at once, refilled evenly over `perMs` (5 / 10 s = one every 2 s). */
export type BucketRule = { capacity: number; perMs: number };

/** A user may ask 5 questions at once, then one every 2 s. */
export const USER_RATE_LIMIT: BucketRule = { capacity: 5, perMs: 10_000 };
/**
 * A channel gets 20 public answers at once, then one every 0.5 s: enough for a busy server,
 * not enough for a flood that buries the channel. Private (ephemeral) answers do not count,
 * since they add nothing to the channel.
 */
export const CHANNEL_RATE_LIMIT: BucketRule = { capacity: 20, perMs: 10_000 };
/** Above this many tracked keys, full (idle) buckets are forgotten, at most once per 10 s. */
const SWEEP_ABOVE_KEYS = 10_000;
const SWEEP_EVERY_MS = 10_000;

export type RateLimitVerdict = { ok: true } | { ok: false; scope: 'user' | 'channel'; retryAfterMs: number };

type Bucket = { tokens: number; at: number };

/**
 * Token buckets keyed by user and by channel. {@link RateLimiter.take} consumes one token from
 * each bucket that applies, or none at all when either is empty.
 *
 * @example
 * const limiter = new RateLimiter({ now: () => Date.now() });
 * limiter.take({ user: '1' }) // { ok: true }, five times; then { ok: false, scope: 'user', retryAfterMs: 2000 }
 */
export class RateLimiter {
  readonly #user: BucketRule;
  readonly #channel: BucketRule;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(options: { now: () => number; user?: BucketRule; channel?: BucketRule }) {
    this.#now = options.now;
    this.#user = options.user ?? USER_RATE_LIMIT;
    this.#channel = options.channel ?? CHANNEL_RATE_LIMIT;
  }

  /** Takes a token for `user` (and for `channel` when given, i.e. for a public answer). */
  take(key: { user: string; channel?: string }): RateLimitVerdict {
    const now = this.#now();
    if (this.#buckets.size > SWEEP_ABOVE_KEYS && now - this.#lastSweep >= SWEEP_EVERY_MS) this.#sweep(now);
    const checks: Array<{ id: string; rule: BucketRule; scope: 'user' | 'channel' }> = [
      { id: `u:${key.user}`, rule: this.#user, scope: 'user' },
    ];
    if (key.channel !== undefined)
      checks.push({ id: `c:${key.channel}`, rule: this.#channel, scope: 'channel' });
    const buckets = checks.map((check) => ({ ...check, bucket: this.#refilled(check.id, check.rule, now) }));
    for (const { bucket, rule, scope } of buckets) {
      if (bucket.tokens < 1)
        return {
          ok: false,
          scope,
          retryAfterMs: Math.ceil(((1 - bucket.tokens) * rule.perMs) / rule.capacity),
        };
    }
    for (const { id, bucket } of buckets) this.#buckets.set(id, { tokens: bucket.tokens - 1, at: now });
    return { ok: true };
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  #refilled(id: string, rule: BucketRule, now: number): Bucket {
    const bucket = this.#buckets.get(id);
    if (!bucket) return { tokens: rule.capacity, at: now };
    const elapsed = Math.max(0, now - bucket.at);
    return {
      tokens: Math.min(rule.capacity, bucket.tokens + (elapsed * rule.capacity) / rule.perMs),
      at: now,
    };
  }

  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const id of this.#buckets.keys()) {
      const rule = id.startsWith('u:') ? this.#user : this.#channel;
      if (this.#refilled(id, rule, now).tokens >= rule.capacity) this.#buckets.delete(id);
    }
  }
}
