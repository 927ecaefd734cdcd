import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeferPolicy } from '../../src/discord/deferPolicy';
import { CHANNEL_RATE_LIMIT, RateLimiter, USER_RATE_LIMIT } from '../../src/discord/rateLimit';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('lets a user ask 5 times at once, then one more every 2 s', () => {
    const time = clock();
    const limiter = new RateLimiter({ now: time.now });
    const verdicts = Array.from({ length: 6 }, () => limiter.take({ user: 'u1' }));
    assert.deepEqual(verdicts.slice(0, 5), Array(5).fill({ ok: true }));
    assert.deepEqual(verdicts[5], { ok: false, scope: 'user', retryAfterMs: 2_000 });
    time.advance(1_500);
    assert.deepEqual(limiter.take({ user: 'u1' }), { ok: false, scope: 'user', retryAfterMs: 500 });
    time.advance(500);
    assert.deepEqual(limiter.take({ user: 'u1' }), { ok: true });
    assert.equal(USER_RATE_LIMIT.capacity, 5);
  });

  it('limits one user without touching another', () => {
    const limiter = new RateLimiter({ now: clock().now });
    for (let i = 0; i < 5; i++) limiter.take({ user: 'flooder' });
    assert.equal(limiter.take({ user: 'flooder' }).ok, false);
    assert.deepEqual(limiter.take({ user: 'someone-else' }), { ok: true });
  });

  it('limits public answers per channel, and takes no token when either bucket is empty', () => {
    const time = clock();
    const limiter = new RateLimiter({ now: time.now });
    for (let i = 0; i < CHANNEL_RATE_LIMIT.capacity; i++)
      assert.ok(limiter.take({ user: `u${i}`, channel: 'c1' }).ok);
    assert.deepEqual(limiter.take({ user: 'fresh', channel: 'c1' }), {
      ok: false,
      scope: 'channel',
      retryAfterMs: 500,
    });
    // The refused request took nothing from the user: five private questions still pass.
    for (let i = 0; i < 5; i++) assert.ok(limiter.take({ user: 'fresh' }).ok);
    assert.ok(limiter.take({ user: 'other', channel: 'c2' }).ok);
  });

  it('forgets idle buckets once it tracks many keys', () => {
    const time = clock();
    const limiter = new RateLimiter({ now: time.now });
    for (let i = 0; i <= 10_001; i++) limiter.take({ user: `u${i}` });
    time.advance(60_000);
    limiter.take({ user: 'late' });
    assert.equal(limiter.size, 1);
  });
});

describe('DeferPolicy', () => {
  it('always defers /timeline', () => {
    assert.equal(new DeferPolicy().shouldDefer('timeline', 0), true);
  });

  it('defers a command once it has been slow, and forgets slowly', () => {
    const policy = new DeferPolicy();
    assert.equal(policy.shouldDefer('ask', 0), false);
    policy.record('ask', 2_000);
    assert.equal(policy.shouldDefer('ask', 0), true);
    for (let i = 0; i < 10; i++) policy.record('ask', 1);
    assert.equal(policy.shouldDefer('ask', 0), false);
  });

  it('defers an interaction that already waited long in a queue', () => {
    const policy = new DeferPolicy();
    assert.equal(policy.shouldDefer('battle', 1_400), false);
    assert.equal(policy.shouldDefer('battle', 1_600), true);
  });
});
