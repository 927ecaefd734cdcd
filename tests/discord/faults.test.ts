/**
 * The bot under faults, against the fake Discord (tests/helpers/fakeDiscord.ts) with the REAL
 * discord.js client: 429s with Retry-After, 5xx, 10062 Unknown interaction, dropped gateway
 * connections (resume and re-identify), slow answers inside Discord's 3 s window, floods
 * (per-user and per-channel limits), malformed gateway payloads, process guards, and the
 * secrets: the bot token and interaction tokens never reach a log line.
 *
 * Every fault is checked for three things: the bot keeps running, it logs one structured line
 * naming the fault, and it still answers whatever can be answered.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { COMMANDS, type CommandModule } from '../../commands';
import type { Answer, AnswerContext } from '../../src/answer';
import { DEFAULT_CORPUS_DIR, loadContext } from '../../src/cli/main';
import { type Bot, startBot } from '../../src/discord/client';
import { parseConfig } from '../../src/io/config';
import { createLogger } from '../../src/io/logger';
import { checkReplyLimits, EPHEMERAL_FLAG } from '../../src/render';
import { PROJECT_DIR } from '../helpers/corpora';
import {
  FAKE_TOKEN,
  type FakeDiscord,
  type FakeInteractionInit,
  fakeClientOptions,
  type RecordedRequest,
  type SentInteraction,
  startFakeDiscord,
} from '../helpers/fakeDiscord';
import { killLeftovers, type Running, runInProject } from '../helpers/processes';

const ctx = loadContext(DEFAULT_CORPUS_DIR, () => {});

type Json = Record<string, unknown>;
type Embed = { title?: string; description?: string };
type ReplyData = {
  content?: string;
  embeds?: Embed[];
  flags?: number;
  allowed_mentions?: { parse: unknown[] };
};

function dataOf(request: RecordedRequest): ReplyData {
  const body = request.body as Json;
  return (request.path.endsWith('/callback') ? body.data : body) as ReplyData;
}
const callbackType = (request: RecordedRequest) => (request.body as { type: number }).type;

/** Blocks the event loop like a slow synchronous command would. */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** Replaces a command's run for the duration of a test; returns the undo. */
function patchRun(
  name: keyof typeof COMMANDS,
  run: (input: Record<string, unknown>, ctx: AnswerContext, original: CommandModule['run']) => Answer,
): () => void {
  const command = COMMANDS[name] as unknown as CommandModule;
  const original = command.run;
  command.run = (input, c) => run(input, c, original);
  return () => {
    command.run = original;
  };
}

/** A bot in this process with its log lines captured (parsed and raw). */
async function startCapturedBot(fake: FakeDiscord, clientOptions = fakeClientOptions(fake)) {
  const logs: Json[] = [];
  const raw: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [FAKE_TOKEN],
    destination: {
      write: (line: string) => {
        raw.push(line);
        logs.push(JSON.parse(line) as Json);
      },
    },
  });
  const bot = await startBot({
    config: { token: FAKE_TOKEN, apiUrl: fake.apiUrl },
    ctx,
    logger,
    clientOptions,
  });
  return { bot, logs, raw };
}

function waitForLog(logs: Json[], predicate: (line: Json) => boolean, timeoutMs = 5_000): Promise<Json> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const hit = logs.find(predicate);
      if (hit) resolve(hit);
      else if (Date.now() - started > timeoutMs) reject(new Error('no such log line'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
let nextId = 0n;
/** Fresh user and channel ids, so that the rate limiter never mixes tests up. */
const fresh = () => (3_000_000_000_000_000_000n + ++nextId).toString();

// ================================================================== in-process faults

describe('the bot under Discord faults', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  let logs: Json[] = [];
  let raw: string[] = [];
  const interactionTokens: string[] = [];

  function send(init: FakeInteractionInit): SentInteraction {
    const sent = fake.sendInteraction({ userId: fresh(), channelId: fresh(), locale: 'zh-CN', ...init });
    interactionTokens.push(sent.token);
    return sent;
  }
  const battle = (init: FakeInteractionInit = {}) =>
    send({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }], ...init });

  async function finalReply(sent: SentInteraction): Promise<ReplyData> {
    const callback = await sent.done;
    if (callback.status === 204 && callbackType(callback) !== 5) return dataOf(callback);
    const edit = await fake.waitFor(
      (r) =>
        (r.method === 'PATCH' || r.method === 'POST') &&
        r.status === 200 &&
        r.path.startsWith(`/webhooks/${fake.applicationId}/${sent.token}`),
    );
    return dataOf(edit);
  }
  const linesFor = (id: string) => logs.filter((l) => l.id === id && (l.level as number) >= 40);

  before(async () => {
    fake = await startFakeDiscord();
    ({ bot, logs, raw } = await startCapturedBot(fake));
  });
  after(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('429 with Retry-After on the reply: waits, retries, answers, and logs one line', async () => {
    const before = logs.length;
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
        headers: {
          'Retry-After': '0.2',
          'X-RateLimit-Scope': 'user',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': '0.2',
          'X-RateLimit-Limit': '5',
          'X-RateLimit-Bucket': 'abc',
        },
      },
    );
    const sent = battle();
    const ok = await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`) && r.status === 204);
    const [limited] = fake.repliesFor(sent.id);
    assert.equal(limited?.status, 429);
    assert.ok(
      ok.at - (limited?.at ?? 0) >= 180,
      `retried after ${ok.at - (limited?.at ?? 0)} ms, before Retry-After`,
    );
    assert.ok(dataOf(ok).embeds?.length, 'the real answer went out');
    await settle();
    const lines = logs.slice(before).filter((l) => l.msg === 'rate limited by Discord');
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0]?.level, 40);
    assert.equal(lines[0]?.retryAfterMs, 200);
    assert.equal(lines[0]?.route, '/interactions/:id/:token/callback');
  });

  it('a global 429 on the edit of a deferred reply: the edit is retried and arrives', async () => {
    const before = logs.length;
    fake.failNext(
      { method: 'PATCH', pathPrefix: '/webhooks/' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.1, global: true },
        headers: { 'Retry-After': '0.1', 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      },
    );
    const sent = send({ name: 'timeline', options: [] });
    assert.equal(callbackType(await sent.done), 5, '/timeline is deferred');
    const data = await finalReply(sent);
    assert.ok(data.embeds?.length);
    assert.deepEqual(checkReplyLimits(data), []);
    await settle();
    const lines = logs.slice(before).filter((l) => l.msg === 'rate limited by Discord');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.global, true);
  });

  it('500 / 502 / 503 on three replies in a row: each logged once, each user gets an apology, the next is answered', async () => {
    const statuses = [500, 502, 503];
    const sent: SentInteraction[] = [];
    for (const status of statuses) {
      fake.failNext(
        { method: 'POST', pathPrefix: '/interactions/' },
        { status, body: { message: 'Server Error', code: 0 } },
      );
      const one = battle();
      await one.done;
      sent.push(one);
      await fake.waitFor((r) => r.path.startsWith(`/interactions/${one.id}/`) && r.status === 204);
    }
    for (const [i, one] of sent.entries()) {
      const [failed, apology] = fake.repliesFor(one.id);
      assert.equal(failed?.status, statuses[i]);
      assert.ok(apology, 'an apology');
      assert.equal(dataOf(apology).flags, EPHEMERAL_FLAG);
      assert.match(dataOf(apology).content ?? '', /出错了/);
      await waitForLog(logs, (l) => l.id === one.id && l.msg === 'interaction failed');
      const lines = linesFor(one.id);
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.equal((lines[0]?.err as Json | undefined)?.status, statuses[i]);
    }
    assert.ok(dataOf(await battle().done).embeds?.length, 'answers again');
  });

  it('500 on the edit after a defer: logged once, the placeholder removed, the user gets an ephemeral follow-up apology', async () => {
    fake.failNext(
      { method: 'PATCH', pathPrefix: '/webhooks/' },
      { status: 500, body: { message: 'Internal Server Error', code: 0 } },
    );
    const sent = send({ name: 'timeline', options: [] });
    assert.equal(callbackType(await sent.done), 5);
    const apology = await fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${sent.token}`,
    );
    assert.equal(dataOf(apology).flags, EPHEMERAL_FLAG);
    // The public "thinking…" placeholder of the defer does not stay in the channel.
    await fake.waitFor(
      (r) =>
        r.method === 'DELETE' &&
        r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`,
    );
    await waitForLog(logs, (l) => l.id === sent.id && l.msg === 'interaction failed');
    assert.equal(linesFor(sent.id).length, 1);
  });

  it('10062 Unknown interaction: logged once as expired, no second attempt, the next is answered', async () => {
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      { status: 404, body: { message: 'Unknown interaction', code: 10062 } },
    );
    const expired = battle();
    assert.equal((await expired.done).status, 404);
    const line = await waitForLog(
      logs,
      (l) => l.id === expired.id && l.msg === 'interaction expired before it was answered',
    );
    assert.equal(line.level, 40);
    await settle();
    assert.equal(linesFor(expired.id).length, 1);
    assert.equal(fake.repliesFor(expired.id).length, 1, 'no apology to an interaction that is gone');
    assert.ok(dataOf(await battle().done).embeds?.length);
  });

  for (const [name, options, how] of [
    ['the TCP connection is cut', {}, 'resumed'],
    ['Discord closes with 4000', { code: 4_000 }, 'resumed'],
    ['the session is invalidated', { invalidateSession: true }, 'identified'],
  ] as const) {
    it(`a dropped gateway (${name}): comes back (${how}), logs it, answers what was sent meanwhile`, async () => {
      const before = logs.length;
      const back = fake.dropGateway(0, options);
      // Dispatched while the shard is down: the fake queues it until the client is back.
      const during = battle();
      assert.equal(await back, how);
      assert.ok(
        dataOf(await during.done).embeds?.length,
        'the interaction sent during the outage is answered',
      );
      assert.ok(dataOf(await battle().done).embeds?.length);
      await settle();
      const gateway = logs.slice(before).filter((l) => String(l.msg).startsWith('gateway'));
      assert.ok(gateway.filter((l) => l.msg === 'gateway reconnecting').length >= 1, JSON.stringify(gateway));
      if (how === 'resumed') {
        assert.equal(gateway.filter((l) => l.msg === 'gateway reconnecting').length, 1);
        assert.equal(gateway.filter((l) => l.msg === 'gateway resumed').length, 1);
      }
      for (const l of gateway) assert.equal(l.shard, 0);
    });
  }

  it('a handler that throws: logged once with the error (secrets scrubbed), the user gets an apology, the bot goes on', async () => {
    let token = '';
    const restore = patchRun('who', () => {
      throw new Error(
        `boom with ${FAKE_TOKEN} at https://discord.com/api/v10/webhooks/${fake.applicationId}/${token}/messages/@original`,
      );
    });
    try {
      const sent = send({ name: 'who', options: [{ name: 'name', type: 3, value: '傅作义' }] });
      token = sent.token;
      const apology = dataOf(await sent.done);
      assert.equal(apology.flags, EPHEMERAL_FLAG);
      assert.match(apology.content ?? '', /出错了/);
      const line = await waitForLog(logs, (l) => l.id === sent.id && l.msg === 'interaction failed');
      assert.equal(line.level, 50);
      const err = line.err as Json;
      assert.match(
        String(err.message),
        /boom with \[redacted\] at https:\/\/discord\.com\/api\/v10\/webhooks\/\d+\/\[redacted\]\/messages/,
      );
      assert.equal(linesFor(sent.id).length, 1);
    } finally {
      restore();
    }
    assert.ok(
      dataOf(await send({ name: 'who', options: [{ name: 'name', type: 3, value: '傅作义' }] }).done).embeds
        ?.length,
    );
  });

  it('bad option values from a (modified) client are answered as invalid, privately', async () => {
    const hostile = [
      { name: 'battle', options: [{ name: 'name', type: 3, value: { $gt: '' } }] },
      { name: 'battle', options: [{ name: 'name', type: 3, value: 'x'.repeat(6_000) }] },
      { name: 'ask', options: [{ name: 'question', type: 3, value: 12_345 }] },
      { name: 'who', options: [] },
      { name: 'nope', options: [] },
      { name: 'timeline', options: [{ name: 'battle', type: 3, value: null }] },
    ];
    for (const init of hostile) {
      const data = await finalReply(send(init as FakeInteractionInit));
      assert.deepEqual(checkReplyLimits(data), []);
      assert.deepEqual(data.allowed_mentions?.parse, []);
      assert.equal(data.flags, EPHEMERAL_FLAG, JSON.stringify(init).slice(0, 80));
    }
  });

  it('a flood of 1,000 interactions from one user does not starve another user in the same channel', async (t) => {
    const flooder = fresh();
    const channel = fresh();
    const before = logs.length;
    const started = Date.now();
    const flood: SentInteraction[] = [];
    let other: SentInteraction | undefined;
    for (let i = 0; i < 1_000; i++) {
      flood.push(battle({ userId: flooder, channelId: channel }));
      if (i === 500) other = battle({ channelId: channel }); // another user, mid-flood
    }
    assert.ok(other);
    const replies = await Promise.all(flood.map((s) => finalReply(s)));
    const otherReply = await finalReply(other);
    const elapsed = Date.now() - started;
    assert.ok(otherReply.embeds?.length, 'the other user gets a real answer');
    assert.ok(otherReply.embeds?.[0]?.description?.includes('11月9日，贺龙部转攻包头。'));
    const answered = replies.filter((r) => r.embeds?.length);
    const limited = replies.filter((r) => !r.embeds?.length);
    // 5 at once, then one every 2 s.
    assert.ok(
      answered.length >= 5 && answered.length <= 5 + Math.ceil(elapsed / 2_000),
      `${answered.length} answered in ${elapsed} ms`,
    );
    for (const r of limited) {
      assert.equal(r.flags, EPHEMERAL_FLAG);
      assert.match(r.content ?? '', /^你提问得有点快，请 \d+ 秒后再试。$/);
    }
    await settle(300);
    const lines = logs.slice(before).filter((l) => l.msg === 'rate limited' && l.user === flooder);
    assert.equal(lines.length, limited.length, 'one log line per refused interaction');
    assert.ok(lines.every((l) => l.scope === 'user'));
    t.diagnostic(
      `1,000-interaction flood: ${answered.length} answered, ${limited.length} refused politely, in ${elapsed} ms; the other user was answered`,
    );
  });

  it('limits public answers per channel (20 at once), not private ones, not other channels', async () => {
    const channel = fresh();
    const before = logs.length;
    const started = Date.now();
    const sent = Array.from({ length: 30 }, () => battle({ channelId: channel }));
    const replies = await Promise.all(sent.map((s) => finalReply(s)));
    const elapsed = Date.now() - started;
    const answered = replies.filter((r) => r.embeds?.length).length;
    assert.ok(
      answered >= 20 && answered <= 20 + Math.ceil(elapsed / 500),
      `${answered} answered in ${elapsed} ms`,
    );
    await settle();
    const lines = logs.slice(before).filter((l) => l.msg === 'rate limited');
    assert.equal(lines.length, 30 - answered);
    assert.ok(lines.every((l) => l.scope === 'channel'));
    // A private question in the same channel, and a public one elsewhere, are answered.
    const privately = await finalReply(
      battle({
        channelId: channel,
        options: [
          { name: 'name', type: 3, value: '包头' },
          { name: 'private', type: 5, value: true },
        ],
      }),
    );
    assert.ok(privately.embeds?.length);
    assert.equal(privately.flags, EPHEMERAL_FLAG);
    assert.ok((await finalReply(battle())).embeds?.length);
  });

  it('never logs what users typed (questions, names, autocomplete text)', async () => {
    const marker = 'Qzxq7PRIVATE';
    const before = raw.length;
    const sent = [
      send({ name: 'ask', options: [{ name: 'question', type: 3, value: `${marker} 谁指挥了绥远战役？` }] }),
      send({ name: 'battle', options: [{ name: 'name', type: 3, value: `包头${marker}` }] }),
      send({ name: 'who', options: [{ name: 'name', type: 3, value: marker }] }),
      send({ name: 'timeline', options: [{ name: 'battle', type: 3, value: marker }] }),
      send({ type: 4, name: 'battle', options: [{ name: 'name', type: 3, value: marker, focused: true }] }),
    ];
    for (const s of sent) await finalReply(s).catch(() => s.done);
    await settle(300);
    const text = raw.slice(before).join('');
    assert.ok(raw.length > before, 'the interactions were logged');
    assert.equal(text.includes(marker), false, 'user text in the logs');
  });

  it('never logs the bot token or an interaction token, and every line is structured', () => {
    const text = raw.join('');
    assert.equal(text.includes(FAKE_TOKEN), false, 'bot token in the logs');
    for (const part of FAKE_TOKEN.split('.'))
      assert.equal(text.includes(part), false, 'part of the bot token in the logs');
    for (const token of interactionTokens)
      assert.equal(text.includes(token), false, 'an interaction token in the logs');
    for (const line of logs) {
      assert.equal(typeof line.level, 'number');
      assert.equal(typeof line.msg, 'string');
      assert.equal(typeof line.time, 'number');
    }
    assert.ok(interactionTokens.length > 1_000);
  });
});

// ================================================================== Discord's 3 s window

describe("slow answers inside Discord's 3 s window (production REST settings)", () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  let logs: Json[] = [];

  before(async () => {
    // The fake refuses any first response later than 3 s after the dispatch, like Discord.
    fake = await startFakeDiscord({ responseWindowMs: 3_000 });
    // discord.js's own REST defaults (3 retries, 50 requests/s), not the fast test settings.
    ({ bot, logs } = await startCapturedBot(fake, {
      rest: { api: fake.apiUrl },
      ws: fakeClientOptions(fake).ws,
    }));
  });
  after(async () => {
    await bot?.stop();
    await fake?.close();
  });

  const send = (init: FakeInteractionInit) =>
    fake.sendInteraction({ userId: fresh(), channelId: fresh(), locale: 'zh-CN', ...init });
  const ask = () =>
    send({ name: 'ask', options: [{ name: 'question', type: 3, value: '谁指挥了绥远战役？' }] });
  const editOf = (sent: SentInteraction) =>
    fake.waitFor(
      (r) =>
        r.method === 'PATCH' &&
        r.status === 200 &&
        r.path.startsWith(`/webhooks/${fake.applicationId}/${sent.token}`),
    );

  it('a command seen to be slow is deferred (type 5) before 3 s, and its edit follows', async () => {
    const restore = patchRun('ask', (input, c, original) => {
      busyWait(1_700);
      return original(input, c);
    });
    try {
      // First run: nothing known yet; 1.7 s is still inside the window, answered directly.
      const first = ask();
      const t0 = Date.now();
      const firstCallback = await first.done;
      assert.equal(firstCallback.status, 204);
      assert.equal(callbackType(firstCallback), 4);
      assert.ok(firstCallback.at - t0 < 3_000);
      // From now on /ask is known to be slow: deferred first, then edited.
      const second = ask();
      const t1 = Date.now();
      const deferred = await second.done;
      assert.equal(callbackType(deferred), 5, 'deferred');
      assert.equal(deferred.status, 204);
      assert.ok(deferred.at - t1 < 1_000, `deferred after ${deferred.at - t1} ms`);
      const edit = await editOf(second);
      assert.ok(edit.at - deferred.at >= 1_500, 'the edit comes after the slow run');
      assert.ok(dataOf(edit).embeds?.length, 'the edit carries the answer');
      const line = await waitForLog(logs, (l) => l.id === second.id && l.msg === 'answered');
      assert.equal(line.deferred, true);

      // Another interaction arriving while that slow answer runs waits in the queue: deferred too.
      const slow = ask();
      assert.equal(callbackType(await slow.done), 5);
      const queued = send({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] });
      const t2 = Date.now();
      const callback = await queued.done;
      assert.equal(callback.status, 204, 'inside the window');
      assert.equal(callbackType(callback), 5, 'deferred because it waited in the queue');
      assert.ok(callback.at - t2 < 3_000);
      assert.ok(dataOf(await editOf(queued)).embeds?.length);
      assert.ok(dataOf(await editOf(slow)).embeds?.length);
      const queuedLine = await waitForLog(logs, (l) => l.id === queued.id && l.msg === 'answered');
      assert.equal(queuedLine.deferred, true);
      assert.ok((queuedLine.totalMs as number) >= 1_500);
    } finally {
      restore();
    }
  });

  it('/timeline is deferred before it runs, however slow it is', async () => {
    const restore = patchRun('timeline', (input, c, original) => {
      busyWait(2_000);
      return original(input, c);
    });
    try {
      const sent = send({ name: 'timeline', options: [] });
      const t0 = Date.now();
      const callback = await sent.done;
      assert.equal(callbackType(callback), 5);
      assert.ok(callback.at - t0 < 1_000, `deferred after ${callback.at - t0} ms`);
      const edit = await editOf(sent);
      assert.ok(edit.at - callback.at >= 1_800);
      assert.ok(dataOf(edit).embeds?.length);
    } finally {
      restore();
    }
  });

  it('a first-seen command slower than 3 s is refused (10062): logged once, the bot goes on, the next is deferred', async () => {
    let calls = 0;
    const restore = patchRun('who', (input, c, original) => {
      if (calls++ === 0) busyWait(3_200);
      return original(input, c);
    });
    try {
      const who = () => send({ name: 'who', options: [{ name: 'name', type: 3, value: '傅作义' }] });
      const late = who();
      assert.equal((await late.done).status, 404, 'Discord refuses the late reply');
      const line = await waitForLog(
        logs,
        (l) => l.id === late.id && l.msg === 'interaction expired before it was answered',
      );
      assert.equal(line.level, 40);
      await settle();
      assert.equal(logs.filter((l) => l.id === late.id && (l.level as number) >= 40).length, 1);
      const next = who();
      assert.equal(callbackType(await next.done), 5);
      assert.ok(dataOf(await editOf(next)).embeds?.length);
    } finally {
      restore();
    }
  });

  it('a 500 is retried by the REST client and the real answer arrives; the retry is logged once', async () => {
    const before = logs.length;
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      { status: 500, body: { message: 'Internal Server Error', code: 0 } },
    );
    const sent = send({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] });
    const ok = await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`) && r.status === 204);
    assert.ok(dataOf(ok).embeds?.length, 'the answer, not an apology');
    assert.deepEqual(
      fake.repliesFor(sent.id).map((r) => r.status),
      [500, 204],
    );
    await settle();
    const lines = logs.slice(before).filter((l) => (l.level as number) >= 40);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.equal(lines[0]?.msg, 'Discord server error; retrying');
    assert.equal(lines[0]?.status, 500);
  });
});

// ================================================================== the bot as a process

/** Starts `src/discord/main.ts` as its own process with the given environment. */
function runBot(env: Record<string, string>): Running {
  return runInProject(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], env);
}

after(killLeftovers);

/** Whether any of the secrets appears in the text. */
function leaked(text: string, secrets: readonly string[]): string | undefined {
  return secrets.find((s) => s.length > 0 && text.includes(s));
}

describe('the bot process (npm start) under malformed payloads and Discord errors', () => {
  it('logs each malformed interaction, keeps running and answering, never prints a token, exits 0 on SIGTERM', async (t) => {
    const fake = await startFakeDiscord();
    try {
      const bot = runBot({
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        LOG_LEVEL: 'info',
      });
      await bot.waitForLog((l) => l.msg === 'ready');
      const tokens: string[] = [];
      const good = async (init: FakeInteractionInit = { name: 'help', options: [] }) => {
        const sent = fake.sendInteraction({ userId: fresh(), channelId: fresh(), ...init });
        tokens.push(sent.token);
        return sent;
      };
      const base = (id: string) => ({
        id,
        application_id: fake.applicationId,
        token: `aW50ZXJhY3Rpb246bWFsZm9ybWVk${id}`,
        version: 1,
      });
      let n = 0;
      const malformed: Array<[string, unknown]> = [
        ['no entitlements', { ...base(`${++n}`), type: 2 }],
        [
          'no data',
          {
            ...base(`${++n}`),
            type: 2,
            entitlements: [],
            channel_id: '1',
            locale: 'zh-CN',
            user: { id: '5', username: 'x', discriminator: '0' },
          },
        ],
        [
          'unknown type 99',
          {
            ...base(`${++n}`),
            type: 99,
            entitlements: [],
            user: { id: '5', username: 'x', discriminator: '0' },
          },
        ],
        [
          'no user and no member',
          { ...base(`${++n}`), type: 2, entitlements: [], data: { id: '1', name: 'battle', type: 1 } },
        ],
        [
          'options not an array',
          {
            ...base(`${++n}`),
            type: 2,
            entitlements: [],
            channel_id: '1',
            user: { id: '5', username: 'x', discriminator: '0' },
            data: { id: '1', name: 'battle', type: 1, options: 'x' },
          },
        ],
        [
          'autocomplete without a focused option',
          {
            ...base(`${++n}`),
            type: 4,
            entitlements: [],
            channel_id: '1',
            user: { id: '5', username: 'x', discriminator: '0' },
            data: { id: '1', name: 'battle', type: 1, options: [] },
          },
        ],
        [
          'component without a message',
          {
            ...base(`${++n}`),
            type: 3,
            entitlements: [],
            channel_id: '1',
            user: { id: '5', username: 'x', discriminator: '0' },
            data: { custom_id: 'pg:battle:99999:c:=包头', component_type: 2 },
          },
        ],
        ['null', null],
        ['a string', 'INTERACTION'],
      ];
      for (const token of malformed.map(([, p]) => (p as { token?: string } | null)?.token))
        if (token) tokens.push(token);
      for (const [name, payload] of malformed) {
        const before = bot.output.logs.length;
        fake.dispatch('INTERACTION_CREATE', payload);
        // Still alive and answering after each one.
        const next = await good();
        assert.equal((await next.done).status, 204, `not answering after “${name}”`);
        await settle(100);
        const lines = bot.output.logs.slice(before).filter((l) => (l.level as number) >= 40);
        t.diagnostic(`${name}: ${lines.map((l) => l.msg).join(', ') || '(ignored by discord.js)'}`);
        assert.ok(lines.length <= 1, `more than one line for “${name}”: ${JSON.stringify(lines)}`);
        assert.equal(bot.child.exitCode, null);
      }
      // The known case: discord.js rejects inside its event handler; the guard logs it.
      assert.ok(bot.output.logs.some((l) => l.msg === 'unhandled rejection' && l.level === 50));

      // Discord errors through the real process: 500, 10062, 429.
      fake.failNext(
        { method: 'POST', pathPrefix: '/interactions/' },
        { status: 500, body: { message: 'Internal Server Error', code: 0 } },
      );
      const e500 = await good({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] });
      await fake.waitFor((r) => r.path.startsWith(`/interactions/${e500.id}/`) && r.status === 204, 10_000);
      fake.failNext(
        { method: 'POST', pathPrefix: '/interactions/' },
        { status: 404, body: { message: 'Unknown interaction', code: 10062 } },
      );
      const e10062 = await good({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] });
      await bot.waitForLog(
        (l) => l.id === e10062.id && l.msg === 'interaction expired before it was answered',
        10_000,
      );
      fake.failNext(
        { pathPrefix: '/interactions/' },
        {
          status: 429,
          body: { message: 'rate limited', retry_after: 0.05, global: false },
          headers: { 'Retry-After': '0.05' },
        },
      );
      const e429 = await good({ name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] });
      await fake.waitFor((r) => r.path.startsWith(`/interactions/${e429.id}/`) && r.status === 204, 10_000);
      await bot.waitForLog((l) => l.msg === 'rate limited by Discord', 10_000);

      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      const all = bot.output.stdout + bot.output.stderr;
      assert.equal(
        leaked(all, [FAKE_TOKEN, ...FAKE_TOKEN.split('.')]),
        undefined,
        'the bot token was printed',
      );
      assert.equal(leaked(all, tokens), undefined, 'an interaction token was printed');
    } finally {
      await fake.close();
    }
  });
});

describe('secrets on every error path', () => {
  it('a login refused with 401: exit 1, one fatal line, no token anywhere', async () => {
    const fake = await startFakeDiscord();
    try {
      for (const path of ['/gateway/bot', '/users/@me', '/applications/@me'])
        fake.failNext(
          { pathPrefix: path },
          { status: 401, body: { message: '401: Unauthorized', code: 0 } },
          10,
        );
      const bot = runBot({
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        LOG_LEVEL: 'trace',
      });
      const { code } = await bot.exited;
      assert.equal(code, 1);
      const fatal = bot.output.logs.filter((l) => l.level === 60);
      assert.equal(fatal.length, 1, bot.output.stdout);
      assert.equal(fatal[0]?.msg, 'could not log in to Discord');
      assert.ok(
        fake.requests.some((r) => r.status === 401 && r.headers.authorization === `Bot ${FAKE_TOKEN}`),
        'the token was sent, to the fake',
      );
      const all = bot.output.stdout + bot.output.stderr;
      assert.equal(leaked(all, [FAKE_TOKEN, ...FAKE_TOKEN.split('.')]), undefined);
    } finally {
      await fake.close();
    }
  });

  it('bad configuration: one line per problem, exit 1, never a value', async () => {
    const secret = 'c2VjcmV0LXRva2VuLXZhbHVl';
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { DISCORD_TOKEN: `${secret} ${secret}`, DISCORD_CLIENT_ID: '1300000000000000001' },
        /DISCORD_TOKEN is malformed/,
      ],
      [
        { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: FAKE_TOKEN },
        /DISCORD_CLIENT_ID must be the numeric Application ID/,
      ],
      [
        {
          DISCORD_TOKEN: FAKE_TOKEN,
          DISCORD_CLIENT_ID: '1300000000000000001',
          DISCORD_GUILD_ID: secret,
          DISCORD_API_URL: `https://${secret}.example/api/v10`,
          LOG_LEVEL: secret,
        },
        /DISCORD_GUILD_ID must be/,
      ],
    ];
    await Promise.all(
      cases.map(async ([env, expected]) => {
        const bot = runBot(env);
        assert.equal((await bot.exited).code, 1);
        assert.match(bot.output.stderr, expected);
        for (const line of bot.output.stderr.trim().split('\n')) assert.match(line, /^config: /);
        const all = bot.output.stdout + bot.output.stderr;
        assert.equal(leaked(all, [FAKE_TOKEN, secret, ...FAKE_TOKEN.split('.')]), undefined, all);
      }),
    );
  });

  it('parseConfig never echoes a value, whatever the environment holds (500 runs)', () => {
    const value = fc.oneof(
      fc.constant(FAKE_TOKEN),
      fc.base64String({ minLength: 12, maxLength: 80 }),
      fc.string({ minLength: 12, maxLength: 40 }).map((s) => `${s} with space`),
      fc.constantFrom('', ' ', '1300000000000000001', 'trace', 'http://127.0.0.1:1/api'),
    );
    const keys = [
      'DISCORD_TOKEN',
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'CORPUS_DIR',
      'DISCORD_API_URL',
      'LOG_LEVEL',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (env) => {
        const result = parseConfig(env);
        if (result.ok) return;
        const text = result.problems.join('\n');
        for (const v of Object.values(env)) {
          if (v.trim().length < 12) continue;
          assert.equal(text.includes(v.trim()), false, `a problem line echoes ${v}`);
        }
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('process guards (src/discord/processGuards.ts)', () => {
  it('log unhandled rejections and uncaught exceptions as structured lines, scrubbed, and the process keeps running', async () => {
    const script = [
      `import { createLogger } from './src/io/logger.ts';`,
      `import { installProcessGuards } from './src/discord/processGuards.ts';`,
      `installProcessGuards(createLogger({ secrets: [${JSON.stringify(FAKE_TOKEN)}] }));`,
      `Promise.reject(new Error('rejected with ${FAKE_TOKEN}'));`,
      `setTimeout(() => { throw new Error('thrown at /interactions/123/aW50ZXJhY3Rpb246c2VjcmV0/callback'); }, 10);`,
      `setTimeout(() => { Promise.reject('a string reason'); }, 20);`,
      `setTimeout(() => { process.stdout.write('still alive\\n'); process.exit(0); }, 200);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /still alive/);
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Json);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [
        [50, 'unhandled rejection'],
        [50, 'uncaught exception'],
        [50, 'unhandled rejection'],
      ],
    );
    assert.match(String((lines[0]?.err as Json | undefined)?.message), /rejected with \[redacted\]/);
    assert.match(
      String((lines[1]?.err as Json | undefined)?.message),
      /\/interactions\/123\/\[redacted\]\/callback/,
    );
    assert.equal((lines[2]?.err as Json | undefined)?.message, 'a string reason');
    assert.equal(leaked(stdout + stderr, [FAKE_TOKEN, 'aW50ZXJhY3Rpb246c2VjcmV0']), undefined);
  });
});
