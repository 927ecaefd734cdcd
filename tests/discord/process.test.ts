/**
 * The bot as users run it: `npm start`, `npm run start:sharded` and `npm run deploy-commands`
 * as separate processes, pointed at the fake Discord through DISCORD_API_URL.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkReplyLimits } from '../../src/render';
import { FAKE_TOKEN, type FakeDiscord, type RecordedRequest, startFakeDiscord } from '../helpers/fakeDiscord';
import { killLeftovers, runInProject } from '../helpers/processes';

function botEnv(fake: FakeDiscord): Record<string, string> {
  return {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
  };
}

function replyData(callback: RecordedRequest): {
  embeds?: { description?: string }[];
  allowed_mentions?: { parse: unknown[] };
} {
  return (
    callback.body as {
      data: { embeds?: { description?: string }[]; allowed_mentions?: { parse: unknown[] } };
    }
  ).data;
}

/** A guild id that Discord's formula `(id >> 22) % shards` routes to `shard`. */
const guildOnShard = (shard: number, shards: number): string =>
  ((262_000_000_000n * BigInt(shards) + BigInt(shard)) << 22n).toString();

after(killLeftovers);

describe('npm start', () => {
  it('starts, logs ready, answers /battle 包头, survives a malformed event and exits 0 on SIGTERM', async (t) => {
    const fake = await startFakeDiscord();
    try {
      const t0 = Date.now();
      const bot = runInProject('npm', ['start'], botEnv(fake));
      const ready = await bot.waitForLog((l) => l.msg === 'ready');
      t.diagnostic(
        `npm start → ready in ${Date.now() - t0} ms (warm-up ${ready.warmUpMs} ms, login ${ready.loginMs} ms)`,
      );

      const sent = fake.sendInteraction({
        name: 'battle',
        options: [{ name: 'name', type: 3, value: '包头' }],
        locale: 'zh-CN',
      });
      const data = replyData(await sent.done);
      assert.ok(data.embeds?.[0]?.description?.includes('11月9日，贺龙部转攻包头。'));
      assert.ok(
        data.embeds?.[0]?.description?.includes(
          '](https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9)',
        ),
      );
      assert.deepEqual(data.allowed_mentions?.parse, []);
      assert.deepEqual(checkReplyLimits(data), []);

      // An interaction without `entitlements` is an unhandled rejection inside discord.js.
      fake.dispatch('INTERACTION_CREATE', {
        id: '1',
        type: 2,
        token: 'x',
        application_id: fake.applicationId,
        version: 1,
      });
      const guarded = await bot.waitForLog(
        (l) => l.msg === 'unhandled rejection' || l.msg === 'uncaught exception',
        10_000,
      );
      assert.equal(guarded.level, 50);
      const next = await fake.sendInteraction({ name: 'help', options: [] }).done;
      assert.equal(next.status, 204);

      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      assert.ok(bot.output.logs.some((l) => l.msg === 'shutting down' && l.reason === 'SIGTERM'));
      assert.ok(bot.output.logs.some((l) => l.msg === 'stopped'));
      assert.equal(bot.output.stdout.includes(FAKE_TOKEN), false);
      assert.equal(bot.output.stderr.includes(FAKE_TOKEN), false);
    } finally {
      await fake.close();
    }
  });
});

describe('corpus reload', () => {
  it('answers from an article added to the corpus folder while running, after warming it', async () => {
    const fake = await startFakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), 'bot-reload-'));
    try {
      cpSync(new URL('../../corpus', import.meta.url), dir, { recursive: true });
      const bot = runInProject('npm', ['start'], { ...botEnv(fake), CORPUS_DIR: dir });
      await bot.waitForLog((l) => l.msg === 'ready');
      const ask = async (question: string) =>
        replyData(
          await fake.sendInteraction({
            name: 'ask',
            options: [{ name: 'question', type: 3, value: question }],
          }).done,
        );
      const before = await ask('大青山游击队何时成立？');
      assert.equal(JSON.stringify(before).includes('1938年冬'), false);

      writeFileSync(
        join(dir, '大青山游击队.txt'),
        '大青山游击队\n\n大青山游击队成立于1938年冬，活动于绥远的大青山一带。\n',
      );
      const reloaded = await bot.waitForLog((l) => l.msg === 'corpus reloaded', 20_000);
      assert.equal(typeof reloaded.warmUpMs, 'number');
      const after = await ask('大青山游击队何时成立？');
      assert.ok(
        after.embeds?.[0]?.description?.includes('大青山游击队成立于1938年冬'),
        JSON.stringify(after),
      );

      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration errors', () => {
  const node = (env: Record<string, string>) =>
    runInProject(process.execPath, ['--import', 'tsx', 'src/discord/main.ts'], env);

  it('exits 1 without a token, saying how to get one', async () => {
    const bot = node({ DISCORD_CLIENT_ID: '1300000000000000001' });
    assert.equal((await bot.exited).code, 1);
    assert.match(
      bot.output.stderr,
      /^config: DISCORD_TOKEN is not set\. Get a bot token at https:\/\/discord\.com\/developers\/applications → your application → Bot → Reset Token/m,
    );
  });

  it('exits 1 without a client id, and never prints the token it was given', async () => {
    const bot = node({ DISCORD_TOKEN: FAKE_TOKEN, LOG_LEVEL: 'trace' });
    assert.equal((await bot.exited).code, 1);
    assert.match(bot.output.stderr, /^config: DISCORD_CLIENT_ID is not set\. It is the Application ID/m);
    assert.equal(bot.output.stderr.includes(FAKE_TOKEN), false);
    assert.equal(bot.output.stdout.includes(FAKE_TOKEN), false);
    assert.equal(bot.output.stderr.includes(FAKE_TOKEN.split('.')[2] ?? '-'), false);
  });
});

describe('npm run start:sharded', () => {
  it('spawns the 2 shards the API recommends, answers on both, exits 0 on SIGTERM', async (t) => {
    const fake = await startFakeDiscord({ shards: 2 });
    try {
      const t0 = Date.now();
      const manager = runInProject('npm', ['run', 'start:sharded'], botEnv(fake));
      await manager.waitForLog((l) => l.msg === 'all shards ready', 45_000);
      t.diagnostic(`npm run start:sharded → 2 shards ready in ${Date.now() - t0} ms`);
      assert.deepEqual(fake.identifies.map((d) => JSON.stringify((d as { shard: unknown }).shard)).sort(), [
        '[0,2]',
        '[1,2]',
      ]);
      for (const shard of [0, 1]) {
        const sent = fake.sendInteraction({
          name: 'battle',
          options: [{ name: 'name', type: 3, value: '包头' }],
          guildId: guildOnShard(shard, 2),
        });
        assert.ok(replyData(await sent.done).embeds?.[0]?.description?.includes('11月9日，贺龙部转攻包头。'));
      }
      // Each shard process answered the interaction of its own guild.
      for (const shard of [0, 1])
        await manager.waitForLog((l) => l.msg === 'answered' && l.shard === shard, 5_000);

      manager.child.kill('SIGTERM');
      assert.deepEqual(await manager.exited, { code: 0, signal: null });
      assert.equal(manager.output.stdout.includes(FAKE_TOKEN), false);
    } finally {
      await fake.close();
    }
  });
});

describe('npm run deploy-commands', () => {
  it('PUTs the commands to the guild route when DISCORD_GUILD_ID is set', async () => {
    const fake = await startFakeDiscord();
    try {
      const deploy = runInProject('npm', ['run', 'deploy-commands'], {
        ...botEnv(fake),
        DISCORD_GUILD_ID: '1100000000000000000',
      });
      assert.equal((await deploy.exited).code, 0, deploy.output.stderr);
      const puts = fake.requests.filter((r) => r.method === 'PUT');
      assert.deepEqual(
        puts.map((r) => r.path),
        [`/applications/${fake.applicationId}/guilds/1100000000000000000/commands`],
      );
      assert.ok(
        deploy.output.logs.some((l) => l.msg === 'commands deployed' && l.scope === 'guild' && l.count === 6),
      );
    } finally {
      await fake.close();
    }
  });
});
