/**
 * The bot end to end, in-process: the REAL discord.js client (started by `startBot`, as
 * `npm start` does) against the fake Discord; assertions are on the JSON bodies it sends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CORPUS_DIR, loadContext } from '../../src/cli/main';
import { type Bot, startBot } from '../../src/discord/client';
import { createLogger } from '../../src/io/logger';
import { CITATION_MARKER, checkReplyLimits, EPHEMERAL_FLAG } from '../../src/render';
import {
  FAKE_TOKEN,
  type FakeDiscord,
  type FakeInteractionInit,
  fakeClientOptions,
  type RecordedRequest,
  type SentInteraction,
  startFakeDiscord,
} from '../helpers/fakeDiscord';

const SEED_URL = 'https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9';
const ctx = loadContext(DEFAULT_CORPUS_DIR, () => {});

type Json = Record<string, unknown>;
type Embed = {
  title?: string;
  description?: string;
  url?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
};
type Button = { style: number; label: string; custom_id?: string; url?: string };
type ReplyData = {
  content?: string;
  embeds?: Embed[];
  components?: { components: Button[] }[];
  flags?: number;
  allowed_mentions?: { parse: unknown[] };
};

/** The message data of a callback (types 4 and 7) or of a webhook edit / follow-up. */
function dataOf(request: RecordedRequest): ReplyData {
  const body = request.body as Json;
  return (request.path.endsWith('/callback') ? body.data : body) as ReplyData;
}

function callbackType(request: RecordedRequest): number {
  return (request.body as { type: number }).type;
}

function buttons(data: ReplyData): Button[] {
  return (data.components ?? []).flatMap((row) => row.components);
}

describe('the bot against a fake Discord', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  const logs: Json[] = [];
  let nextId = 0n;
  /** Fresh user and channel ids, so that the rate limiter never mixes tests up. */
  const fresh = () => (2_000_000_000_000_000_000n + ++nextId).toString();

  function send(init: FakeInteractionInit): SentInteraction {
    return fake.sendInteraction({ userId: fresh(), channelId: fresh(), locale: 'zh-CN', ...init });
  }

  function battle(name: string, init: FakeInteractionInit = {}): SentInteraction {
    return send({ name: 'battle', options: [{ name: 'name', type: 3, value: name }], ...init });
  }

  function ask(question: string, init: FakeInteractionInit = {}): SentInteraction {
    return send({ name: 'ask', options: [{ name: 'question', type: 3, value: question }], ...init });
  }

  /** The message a user finally sees: the callback's data, or the edit of a deferred reply. */
  async function finalReply(sent: SentInteraction): Promise<ReplyData> {
    const callback = await sent.done;
    if (callbackType(callback) !== 5) return dataOf(callback);
    const edit = await fake.waitFor(
      (r) =>
        (r.method === 'PATCH' || r.method === 'POST') &&
        r.path.startsWith(`/webhooks/${fake.applicationId}/${sent.token}`),
    );
    return dataOf(edit);
  }

  function waitForLog(predicate: (line: Json) => boolean, timeoutMs = 5_000): Promise<Json> {
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

  before(async () => {
    fake = await startFakeDiscord();
    const logger = createLogger({
      level: 'debug',
      secrets: [FAKE_TOKEN],
      destination: { write: (line: string) => void logs.push(JSON.parse(line) as Json) },
    });
    bot = await startBot({
      config: { token: FAKE_TOKEN, apiUrl: fake.apiUrl },
      ctx,
      logger,
      clientOptions: fakeClientOptions(fake),
    });
  });

  after(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('logs in with the token, identifies as shard [0, 1] and logs ready', async () => {
    const gateway = fake.requests.find((r) => r.path === '/gateway/bot');
    assert.equal(gateway?.headers.authorization, `Bot ${FAKE_TOKEN}`);
    assert.deepEqual((fake.identifies[0] as { shard: unknown }).shard, [0, 1]);
    const ready = await waitForLog((l) => l.msg === 'ready');
    assert.equal(ready.user, 'FakeBot');
    assert.deepEqual(ready.shards, [0]);
  });

  it('answers /battle 包头 with the cited sentence, a link to its article and no pings', async () => {
    const callback = await battle('包头').done;
    assert.equal(callback.status, 204);
    assert.equal(callbackType(callback), 4);
    const data = dataOf(callback);
    const embed = data.embeds?.[0];
    assert.ok(embed);
    assert.ok(embed.description?.includes('11月9日，贺龙部转攻包头。'), embed.description);
    // The sentence ends in its citation marker, which links to the article.
    assert.match(
      embed.description ?? '',
      /11月9日，贺龙部转攻包头。\[\\\[\d+\\\]\]\(https:\/\/zh\.wikipedia\.org\/wiki\/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9\)/,
    );
    assert.equal(embed.url, SEED_URL);
    assert.match(embed.footer?.text ?? '', /平绥路战役/);
    assert.deepEqual(
      buttons(data)
        .filter((b) => b.style === 5)
        .map((b) => b.url),
      [SEED_URL],
    );
    assert.deepEqual(data.allowed_mentions?.parse, []);
    assert.equal(data.flags ?? 0, 0);
    assert.deepEqual(checkReplyLimits(data), []);
  });

  it('answers zh-TW users in traditional script', async () => {
    const data = dataOf(await battle('包头', { locale: 'zh-TW' }).done);
    assert.ok(data.embeds?.[0]?.description?.includes('11月9日，賀龍部轉攻包頭。'));
    assert.match(data.embeds?.[0]?.footer?.text ?? '', /^來源/);
  });

  it('answers en-US users with English labels around the Chinese sentences', async () => {
    const data = dataOf(await battle('包头', { locale: 'en-US' }).done);
    assert.ok(data.embeds?.[0]?.description?.includes('11月9日，贺龙部转攻包头。'));
    assert.match(data.embeds?.[0]?.footer?.text ?? '', /^Sources/);
    assert.ok(buttons(data).some((b) => b.label.startsWith('Open article')));
  });

  it('offers 包头 when the user types 包 or bao in the name option', async () => {
    const choicesFor = async (value: string) => {
      const callback = await send({
        type: 4,
        name: 'battle',
        options: [{ name: 'name', type: 3, value, focused: true }],
      }).done;
      assert.equal(callbackType(callback), 8);
      const choices = (callback.body as { data: { choices: { name: string; value: string }[] } }).data
        .choices;
      assert.ok(choices.length <= 25);
      for (const c of choices) assert.ok(c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
      return choices;
    };
    assert.deepEqual((await choicesFor('包'))[0], { name: '包头', value: '包头' });
    assert.ok((await choicesFor('bao')).some((c) => c.value === '包头'));
    // zh-TW users see the names in traditional script; the value stays what /battle understands.
    const tw = await send({
      type: 4,
      name: 'battle',
      locale: 'zh-TW',
      options: [{ name: 'name', type: 3, value: '包', focused: true }],
    }).done;
    assert.deepEqual((tw.body as { data: { choices: unknown[] } }).data.choices[0], {
      name: '包頭',
      value: '包头',
    });
  });

  it('answers free text typed without picking a suggestion', async () => {
    const data = dataOf(await battle('包头战役吗').done);
    assert.deepEqual(data.allowed_mentions?.parse, []);
    assert.deepEqual(checkReplyLimits(data), []);
  });

  /** Presses a button on a message; the message as updated (at once, or by the edit after a deferred update). */
  const press = async (customId: string, message: ReplyData) => {
    const pressed = send({
      type: 3,
      customId,
      message: { embeds: message.embeds, components: message.components },
    });
    const callback = await pressed.done;
    // The message is updated in place: at once (7), or after a deferred update (6) by an edit.
    assert.ok([6, 7].includes(callbackType(callback)), `callback type ${callbackType(callback)}`);
    if (callbackType(callback) === 7) return dataOf(callback);
    return dataOf(
      await fake.waitFor(
        (r) => r.method === 'PATCH' && r.path.startsWith(`/webhooks/${fake.applicationId}/${pressed.token}`),
      ),
    );
  };

  it('pages with "more" and "previous": page 2 differs, previous returns to page 1', async () => {
    const sent = send({ name: 'timeline', options: [] });
    const first = await finalReply(sent);
    const more = buttons(first).find((b) => b.custom_id?.includes(':1:'));
    assert.ok(more?.custom_id, 'a "more" button');
    const pageOne = first.embeds?.[0]?.description;

    const second = await press(more.custom_id, first);
    assert.notEqual(second.embeds?.[0]?.description, pageOne);
    assert.match(second.embeds?.[0]?.footer?.text ?? '', /第 2\/\d+ 页/);
    const previous = buttons(second).find((b) => b.custom_id?.includes(':0:'));
    assert.ok(previous?.custom_id, 'a "previous" button');
    const back = await press(previous.custom_id, second);
    assert.equal(back.embeds?.[0]?.description, pageOne);
    assert.deepEqual(back.allowed_mentions?.parse, []);
  });

  // A name too long for the custom_id (89 characters) travels as a hash; the title shows what it
  // resolved to (平绥路战役), so the query rides as the embed's author line and "more" still works.
  it('pages an answer whose query is too long for the button, by its hash', async () => {
    const name = `平绥路战役${'的经过'.repeat(28)}`;
    const first = await finalReply(
      send({ name: 'timeline', options: [{ name: 'battle', type: 3, value: name }] }),
    );
    const more = buttons(first).find((b) => b.custom_id?.includes(':1:'));
    assert.match(more?.custom_id ?? '', /^pg:timeline:1:c:#[0-9a-z]{7}$/);
    assert.equal(first.embeds?.[0]?.author?.name, name);
    const second = await press(more?.custom_id ?? '', first);
    assert.match(second.embeds?.[0]?.footer?.text ?? '', /第 2\/\d+ 页/);
    assert.notEqual(second.embeds?.[0]?.description, first.embeds?.[0]?.description);
  });

  it('answers an unknown button with a short ephemeral note', async () => {
    const data = dataOf(await send({ type: 3, customId: 'pg:nope:1:c:=x' }).done);
    assert.equal(data.flags, EPHEMERAL_FLAG);
    assert.equal(data.content, '这个按钮已失效，请重新提问。');
  });

  it('answers privately (ephemeral flag 64) when private is true', async () => {
    const data = dataOf(
      await battle('包头', {
        options: [
          { name: 'name', type: 3, value: '包头' },
          { name: 'private', type: 5, value: true },
        ],
      }).done,
    );
    assert.equal(data.flags, EPHEMERAL_FLAG);
    assert.ok(data.embeds?.[0]?.description?.includes('11月9日，贺龙部转攻包头。'));
  });

  it('answers not_found ephemerally with the closest names', async () => {
    const data = dataOf(await battle('诺曼底').done);
    assert.equal(data.flags, EPHEMERAL_FLAG);
    assert.match(data.content ?? '', /没有找到答案/);
    assert.match(data.content ?? '', /可以试试：/);
  });

  it('defers /timeline, and turns a deferred public not_found into an ephemeral note', async () => {
    const sent = send({ name: 'timeline', options: [{ name: 'battle', type: 3, value: '诺曼底' }] });
    assert.equal(callbackType(await sent.done), 5);
    await fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${sent.token}`,
    );
    const replies = fake.repliesFor(sent.id);
    assert.deepEqual(
      replies.map((r) => `${r.method} ${r.path.replace(sent.token, 'TOKEN').replace(sent.id, 'ID')}`),
      [
        'POST /interactions/ID/TOKEN/callback',
        `DELETE /webhooks/${fake.applicationId}/TOKEN/messages/@original`,
        `POST /webhooks/${fake.applicationId}/TOKEN`,
      ],
    );
    const note = dataOf(replies[2] as RecordedRequest);
    assert.equal(note.flags, EPHEMERAL_FLAG);
    assert.match(note.content ?? '', /没有找到答案/);
    assert.deepEqual(note.allowed_mentions?.parse, []);
  });

  it('never pings and stays within every limit for hostile input', async () => {
    const hostile = [
      ask('@everyone **x** 包头在哪里？ <@1000000000000000001> @here'),
      battle('@everyone **x**'),
      ask('x'.repeat(6_000)),
      ask(`${'包头'.repeat(499)}？`),
      battle('`'.repeat(100)),
      send({ name: 'who', options: [{ name: 'name', type: 3, value: '@everyone' }] }),
      send({ name: 'timeline', options: [{ name: 'battle', type: 3, value: '||spoiler|| @everyone' }] }),
    ];
    for (const sent of hostile) {
      const data = await finalReply(sent);
      assert.deepEqual(data.allowed_mentions?.parse, []);
      assert.deepEqual(checkReplyLimits(data), []);
      for (const embed of data.embeds ?? []) {
        const texts = [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)];
        for (const t of texts)
          assert.equal(t.split('[\\[').length - 1, [...t.matchAll(CITATION_MARKER)].length);
      }
    }
    const first = hostile[0];
    assert.ok(first);
    const echoed = dataOf(await first.done);
    if (echoed.embeds?.[0])
      assert.match(echoed.embeds[0].title ?? '', /^@everyone \\\*\\\*x\\\*\\\* 包头在哪里？/);
  });

  it('answers a burst of 200 interactions from 200 users', async (t) => {
    const started = Date.now();
    const commands: FakeInteractionInit[] = [
      { name: 'battle', options: [{ name: 'name', type: 3, value: '包头' }] },
      { name: 'ask', options: [{ name: 'question', type: 3, value: '谁指挥了绥远战役？' }] },
      { name: 'who', options: [{ name: 'name', type: 3, value: '傅作义' }] },
      { name: 'sources', options: [] },
      { name: 'help', options: [] },
    ];
    const sent = Array.from({ length: 200 }, (_, i) => ({
      at: Date.now(),
      sent: send({ ...commands[i % commands.length] }),
    }));
    const callbacks = await Promise.all(sent.map((s) => s.sent.done));
    const replies = await Promise.all(sent.map((s) => finalReply(s.sent)));
    const elapsed = Date.now() - started;
    assert.deepEqual(new Set(callbacks.map((c) => c.status)), new Set([204]));
    // Interactions that waited long in the queue are deferred first (5), the others answered at once (4).
    for (const c of callbacks) assert.ok([4, 5].includes(callbackType(c)));
    for (const data of replies) {
      assert.deepEqual(data.allowed_mentions?.parse, []);
      assert.deepEqual(checkReplyLimits(data), []);
      assert.ok(data.embeds?.length, 'an answer, not a rate-limit note');
    }
    const deferred = callbacks.filter((c) => callbackType(c) === 5).length;
    const roundTrips = callbacks.map((c, i) => c.at - (sent[i]?.at ?? 0)).sort((a, b) => a - b);
    t.diagnostic(
      `200 interactions answered in ${elapsed} ms (${deferred} deferred); first response p50 ${roundTrips[99]} ms, p99 ${roundTrips[197]} ms`,
    );
    assert.ok(elapsed < 10_000);
  });

  it('measures single reply round trips', async (t) => {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const at = Date.now();
      const callback = await battle('包头').done;
      times.push(callback.at - at);
    }
    times.sort((a, b) => a - b);
    t.diagnostic(
      `sequential /battle round trip p50 ${times[24]} ms, p99 ${times[48]} ms, max ${times[49]} ms`,
    );
    assert.ok((times[24] ?? 0) < 1_000);
  });

  it('tells a flooding user to slow down, politely and privately, while another user is answered', async () => {
    const flooder = fresh();
    const floods = Array.from({ length: 8 }, () => battle('包头', { userId: flooder }));
    const other = battle('包头');
    const replies = await Promise.all(floods.map(async (s) => dataOf(await s.done)));
    const answered = replies.filter((r) => r.embeds?.length);
    const limited = replies.filter((r) => !r.embeds?.length);
    assert.equal(answered.length, 5);
    assert.equal(limited.length, 3);
    for (const r of limited) {
      assert.equal(r.flags, EPHEMERAL_FLAG);
      assert.match(r.content ?? '', /^你提问得有点快，请 \d+ 秒后再试。$/);
      assert.deepEqual(r.allowed_mentions?.parse, []);
    }
    assert.ok(dataOf(await other.done).embeds?.length);
  });

  it('logs 10062 Unknown interaction, stays up and answers the next interaction', async () => {
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      { status: 404, body: { message: 'Unknown interaction', code: 10062 } },
    );
    const expired = battle('包头');
    assert.equal((await expired.done).status, 404);
    const line = await waitForLog(
      (l) => l.id === expired.id && l.msg === 'interaction expired before it was answered',
    );
    assert.equal((line.err as { code: number }).code, 10062);
    assert.equal(JSON.stringify(line).includes(expired.token), false, 'the interaction token is not logged');
    const next = await battle('包头').done;
    assert.equal(next.status, 204);
    assert.ok(dataOf(next).embeds?.length);
    // No second attempt at the expired interaction.
    assert.equal(fake.repliesFor(expired.id).length, 1);
  });

  it('retries after a 429 with Retry-After and answers', async () => {
    fake.failNext(
      { pathPrefix: '/interactions/' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'Retry-After': '0.05', 'X-RateLimit-Scope': 'user' },
      },
    );
    const sent = battle('包头');
    await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`) && r.status === 204);
    assert.deepEqual(
      fake.repliesFor(sent.id).map((r) => r.status),
      [429, 204],
    );
  });

  it('logs a 5xx from Discord and answers with an ephemeral apology', async () => {
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      { status: 500, body: { message: 'Internal Server Error', code: 0 } },
    );
    const sent = battle('包头');
    await fake.waitFor((r) => r.path.startsWith(`/interactions/${sent.id}/`) && r.status === 204);
    const [failed, apology] = fake.repliesFor(sent.id);
    assert.equal(failed?.status, 500);
    assert.ok(apology);
    assert.equal(dataOf(apology).flags, EPHEMERAL_FLAG);
    assert.match(dataOf(apology).content ?? '', /出错了/);
    await waitForLog((l) => l.id === sent.id && l.msg === 'interaction failed');
  });

  it('never logs the bot token', () => {
    const all = JSON.stringify(logs);
    assert.equal(all.includes(FAKE_TOKEN), false);
    assert.ok(logs.filter((l) => l.msg === 'answered').length > 200);
  });
});
