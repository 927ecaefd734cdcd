/**
 * Proves the fake Discord works with the REAL discord.js client: login, READY, interactions,
 * the REST bodies the client sends back, API errors, gateway drops and sharding.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import {
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import {
  FAKE_TOKEN,
  type FakeDiscord,
  fakeClientOptions,
  type RecordedRequest,
  startFakeDiscord,
} from './fakeDiscord.js';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason);
});

/** Log a real client into the fake and wait until discord.js says it is ready. */
async function startClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, globalRequestsPerSecond: 10_000, retries: 0, timeout: 5_000 },
    ...extra,
  });
  try {
    const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(5_000) });
    await client.login(FAKE_TOKEN);
    await ready;
    return client;
  } catch (error) {
    await client.destroy();
    throw error;
  }
}

/** A promise plus its resolver, for values produced inside the client's event handler. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  assert.ok(request.body && typeof request.body === 'object', `expected a JSON body on ${request.path}`);
  return request.body as Record<string, unknown>;
}

describe('fake Discord with one real client', () => {
  let fake: FakeDiscord;
  let client: Client;
  /** What the bot under test does with the next interaction; each test sets it. */
  let handle: (interaction: Interaction) => Promise<void> = async () => {};
  const handlerErrors: unknown[] = [];

  before(async () => {
    fake = await startFakeDiscord();
    // No identify throttle: the re-identify test would otherwise wait ~5 s (see fakeClientOptions).
    client = await startClient(fake, { ws: fakeClientOptions(fake).ws });
    client.on(Events.InteractionCreate, (interaction) => {
      handle(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
  });

  after(async () => {
    await client?.destroy();
    await fake?.close();
  });

  test('login asked for /gateway/bot and identified as shard [0, 1]', () => {
    const gatewayRequest = fake.requests.find((r) => r.path === '/gateway/bot');
    assert.ok(gatewayRequest);
    assert.equal(gatewayRequest.method, 'GET');
    assert.match(String(gatewayRequest.headers.authorization), /^Bot /);
    assert.deepEqual((fake.identifies[0] as { shard: unknown }).shard, [0, 1]);
    assert.equal(client.user?.id, fake.botUserId);
  });

  test('reply sends callback type 4 with content and allowed_mentions.parse = []', async () => {
    const seen = deferred<{ name: string; question: string | null; locale: string }>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.resolve({
        name: interaction.commandName,
        question: interaction.options.getString('question'),
        locale: interaction.locale,
      });
      await interaction.reply({ content: 'hi @everyone', allowedMentions: { parse: [] } });
    };
    const sent = fake.sendInteraction({
      name: 'ask',
      options: [{ name: 'question', type: 3, value: '平绥战役何时开始？' }],
      locale: 'zh-CN',
    });
    const callback = await sent.done;
    assert.deepEqual(await seen.promise, { name: 'ask', question: '平绥战役何时开始？', locale: 'zh-CN' });
    assert.equal(callback.method, 'POST');
    assert.equal(callback.path, `/interactions/${sent.id}/${sent.token}/callback`);
    assert.equal(callback.status, 204);
    const body = bodyOf(callback);
    assert.equal(body.type, 4);
    const data = body.data as { content: string; allowed_mentions: { parse: unknown[] } };
    assert.equal(data.content, 'hi @everyone');
    assert.deepEqual(data.allowed_mentions.parse, []);
  });

  test('a DM interaction (user, no member) is emitted and answered', async () => {
    const inGuild = deferred<boolean>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      inGuild.resolve(interaction.inGuild());
      await interaction.reply({ content: 'dm ok' });
    };
    const sent = fake.sendInteraction({ guildId: null });
    const callback = await sent.done;
    assert.equal(await inGuild.promise, false);
    assert.equal((bodyOf(callback).data as { content: string }).content, 'dm ok');
  });

  test('deferReply + editReply + ephemeral followUp hit callback, PATCH @original, POST webhook', async () => {
    const finished = deferred<void>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const edited = await interaction.editReply({ content: 'answer', embeds: [{ title: 'source' }] });
      assert.equal(edited.content, 'answer');
      await interaction.followUp({ content: 'more', flags: MessageFlags.Ephemeral });
      finished.resolve();
    };
    const sent = fake.sendInteraction();
    assert.equal(bodyOf(await sent.done).type, 5);
    await finished.promise;
    const edit = await fake.waitFor(
      (r) =>
        r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`,
    );
    assert.equal(bodyOf(edit).content, 'answer');
    assert.deepEqual((bodyOf(edit).embeds as Array<{ title: string }>)[0]?.title, 'source');
    const replies = fake.repliesFor(sent.id);
    assert.deepEqual(
      replies.map((r) => `${r.method} ${r.path.replace(sent.token, 'TOKEN').replace(sent.id, 'ID')}`),
      [
        'POST /interactions/ID/TOKEN/callback',
        `PATCH /webhooks/${fake.applicationId}/TOKEN/messages/@original`,
        `POST /webhooks/${fake.applicationId}/TOKEN`,
      ],
    );
    const followUp = replies[2];
    assert.ok(followUp);
    assert.equal(bodyOf(followUp).flags, MessageFlags.Ephemeral);
    assert.deepEqual(fake.repliesFor(sent.token), replies);
  });

  test('reply with withResponse returns the fake message through InteractionCallbackResponse', async () => {
    const content = deferred<string | undefined>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      content.resolve(response.resource?.message?.content);
    };
    const sent = fake.sendInteraction();
    assert.equal((await sent.done).query.with_response, 'true');
    assert.equal(await content.promise, 'with response');
  });

  test('a reply with a file arrives as multipart: payload_json parsed, file recorded', async () => {
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({
        content: 'see file',
        files: [{ attachment: Buffer.from('引文 1'), name: 'sources.txt' }],
      });
    };
    const callback = await fake.sendInteraction().done;
    assert.match(String(callback.headers['content-type']), /^multipart\/form-data/);
    assert.equal((bodyOf(callback).data as { content: string }).content, 'see file');
    assert.equal(callback.files.length, 1);
    assert.equal(callback.files[0]?.filename, 'sources.txt');
    assert.equal(callback.files[0]?.text, '引文 1');
  });

  test('autocomplete respond() sends callback type 8 with choices', async () => {
    const focused = deferred<string>();
    handle = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const value = interaction.options.getFocused();
      focused.resolve(value);
      await interaction.respond([{ name: `${value} 战役`, value: 'pingsui' }]);
    };
    const sent = fake.sendInteraction({
      type: 4,
      options: [{ name: 'question', type: 3, value: '平绥', focused: true }],
    });
    const body = bodyOf(await sent.done);
    assert.equal(await focused.promise, '平绥');
    assert.equal(body.type, 8);
    assert.deepEqual(body.data, { choices: [{ name: '平绥 战役', value: 'pingsui' }] });
  });

  test('button update() sends callback type 7; a later editReply edits the same message', async () => {
    const seen = deferred<{ customId: string; messageContent: string }>();
    const edited = deferred<string>();
    handle = async (interaction) => {
      if (!interaction.isButton()) return;
      seen.resolve({ customId: interaction.customId, messageContent: interaction.message.content });
      await interaction.update({ content: 'page 2', components: [] });
      const message = await interaction.editReply({ content: 'page 2 (edited)' });
      edited.resolve(message.id);
    };
    const sent = fake.sendInteraction({ type: 3, customId: 'page:2', message: { content: 'page 1' } });
    const body = bodyOf(await sent.done);
    assert.deepEqual(await seen.promise, { customId: 'page:2', messageContent: 'page 1' });
    assert.equal(body.type, 7);
    const data = body.data as { content: string; components: unknown[] };
    assert.equal(data.content, 'page 2');
    assert.deepEqual(data.components, []);
    assert.equal(await edited.promise, (sent.payload.message as { id: string }).id);
  });

  test('404 10062 makes reply reject with DiscordAPIError; the client keeps working', async () => {
    const failure = deferred<unknown>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      try {
        await interaction.reply({ content: 'too late' });
        failure.resolve(null);
      } catch (error) {
        failure.resolve(error);
      }
    };
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      {
        status: 404,
        body: { message: 'Unknown interaction', code: 10062 },
      },
    );
    const sent = fake.sendInteraction();
    assert.equal((await sent.done).status, 404);
    const error = await failure.promise;
    assert.ok(error instanceof DiscordAPIError, `expected DiscordAPIError, got ${String(error)}`);
    assert.equal(error.code, 10062);
    assert.equal(error.status, 404);

    handle = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'still alive' });
    };
    const next = fake.sendInteraction();
    assert.equal((bodyOf(await next.done).data as { content: string }).content, 'still alive');
  });

  test('a second callback for the same interaction gets 400 40060', async () => {
    const second = deferred<unknown>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      // Bypass discord.js's own "already replied" guard to hit the API twice.
      await interaction.client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: 4, data: { content: 'again' } },
          auth: false,
        })
        .then(
          () => second.resolve(null),
          (error: unknown) => second.resolve(error),
        );
    };
    fake.sendInteraction();
    const error = await second.promise;
    assert.ok(error instanceof DiscordAPIError);
    assert.equal(error.code, 40060);
  });

  test('429 with Retry-After is retried by discord.js even with retries: 0', async () => {
    const replied = deferred<void>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'after rate limit' });
      replied.resolve();
    };
    fake.failNext(
      { pathPrefix: '/interactions/' },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'Retry-After': '0.05', 'X-RateLimit-Scope': 'user' },
      },
    );
    const sent = fake.sendInteraction();
    await replied.promise;
    const callbacks = fake.repliesFor(sent.id);
    assert.deepEqual(
      callbacks.map((r) => r.status),
      [429, 204],
    );
  });

  test('500 makes reply reject with HTTPError when retries is 0', async () => {
    const failure = deferred<unknown>();
    handle = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'boom' }).then(() => failure.resolve(null), failure.resolve);
    };
    fake.failNext(
      { method: 'POST', pathPrefix: '/interactions/' },
      {
        status: 500,
        body: { message: 'Internal Server Error', code: 0 },
      },
    );
    fake.sendInteraction();
    const error = await failure.promise;
    assert.ok(error instanceof HTTPError, `expected HTTPError, got ${String(error)}`);
    assert.equal(error.status, 500);
  });

  test('dropGateway: the client resumes and gets an interaction sent during the outage', async () => {
    handle = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'after resume' });
    };
    const identifiesBefore = fake.identifies.length;
    const back = fake.dropGateway(0);
    const sent = fake.sendInteraction(); // queued until the shard is back
    assert.equal(await back, 'resumed');
    assert.equal(fake.identifies.length, identifiesBefore);
    assert.ok(fake.resumes.length >= 1);
    assert.equal((bodyOf(await sent.done).data as { content: string }).content, 'after resume');
  });

  test('dropGateway with an invalidated session: the client re-identifies and still answers', async () => {
    handle = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'after identify' });
    };
    const back = fake.dropGateway(0, { code: 4000, invalidateSession: true });
    assert.equal(await back, 'identified');
    const sent = fake.sendInteraction();
    assert.equal((bodyOf(await sent.done).data as { content: string }).content, 'after identify');
  });

  test('PUT commands is echoed with ids', async () => {
    const route = `/applications/${fake.applicationId}/guilds/1100000000000000000/commands` as const;
    const stored = (await client.rest.put(route, {
      body: [{ name: 'ask', description: 'Ask a question', options: [] }],
    })) as Array<{ id: string; name: string; application_id: string; guild_id: string }>;
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.name, 'ask');
    assert.match(stored[0]?.id ?? '', /^\d+$/);
    assert.equal(stored[0]?.guild_id, '1100000000000000000');
    const unknownRoute = await client.rest.get('/nope').catch((error: unknown) => error);
    assert.ok(unknownRoute instanceof DiscordAPIError);
    assert.equal(unknownRoute.status, 404);
  });

  test('no handler error and no unhandled rejection happened', () => {
    assert.deepEqual(handlerErrors, []);
    assert.deepEqual(unhandled, []);
  });
});

describe('fake Discord with two shards', () => {
  /** A realistic guild id that (id >> 22) % 2 routes to the given shard. */
  const guildOnShard = (shard: number): string => ((262_000_000_000n + BigInt(shard)) << 22n).toString();

  test('two clients (shards 0 and 1 of 2) identify [0,2] and [1,2] and get their own guilds', async () => {
    const fake = await startFakeDiscord({ shards: 2 });
    const clients: Client[] = [];
    try {
      clients.push(await startClient(fake, { shards: 0, shardCount: 2 }));
      clients.push(await startClient(fake, { shards: 1, shardCount: 2 }));
      const shardsSeen = fake.identifies.map((d) => (d as { shard: unknown }).shard);
      assert.deepEqual(shardsSeen.map((pair) => JSON.stringify(pair)).sort(), ['[0,2]', '[1,2]']);
      const receivedBy: number[] = [];
      clients.forEach((client, index) => {
        client.on(Events.InteractionCreate, (interaction) => {
          receivedBy.push(index);
          if (interaction.isChatInputCommand()) void interaction.reply({ content: `shard ${index}` });
        });
      });
      const onShard1 = fake.sendInteraction({ guildId: guildOnShard(1) });
      assert.equal((bodyOf(await onShard1.done).data as { content: string }).content, 'shard 1');
      const onShard0 = fake.sendInteraction({ guildId: guildOnShard(0) });
      assert.equal((bodyOf(await onShard0.done).data as { content: string }).content, 'shard 0');
      assert.deepEqual(receivedBy, [1, 0]);
    } finally {
      await Promise.all(clients.map((client) => client.destroy()));
      await fake.close();
    }
  });

  test("one client with shards: 'auto' spawns both shards", async () => {
    const fake = await startFakeDiscord({ shards: 2 });
    let client: Client | undefined;
    try {
      client = await startClient(fake, { shards: 'auto' });
      assert.deepEqual(fake.identifies.map((d) => JSON.stringify((d as { shard: unknown }).shard)).sort(), [
        '[0,2]',
        '[1,2]',
      ]);
      client.on(Events.InteractionCreate, (interaction) => {
        if (interaction.isChatInputCommand())
          void interaction.reply({ content: `guild ${interaction.guildId}` });
      });
      const sent = fake.sendInteraction({ guildId: guildOnShard(1) });
      assert.equal((bodyOf(await sent.done).data as { content: string }).content, `guild ${guildOnShard(1)}`);
    } finally {
      await client?.destroy();
      await fake.close();
    }
  });
});
