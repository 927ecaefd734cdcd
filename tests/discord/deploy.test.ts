import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REST } from 'discord.js';
import { COMMAND_LIST } from '../../commands';
import { commandDefinitions, commandLimitProblems, deployCommands } from '../../src/discord/deploy';
import { FAKE_TOKEN, startFakeDiscord } from '../helpers/fakeDiscord';

const GUILD_ID = '1100000000000000000';

async function deployAgainstFake(guildId: string | undefined) {
  const fake = await startFakeDiscord();
  try {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(FAKE_TOKEN);
    const result = await deployCommands(rest, {
      clientId: fake.applicationId,
      ...(guildId ? { guildId } : {}),
    });
    return { fake, result, requests: [...fake.requests] };
  } finally {
    await fake.close();
  }
}

describe('deployCommands', () => {
  it('PUTs every command to the guild route when a guild id is set, and nothing globally', async () => {
    const { fake, result, requests } = await deployAgainstFake(GUILD_ID);
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [`PUT /applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`],
    );
    assert.equal(requests[0]?.headers.authorization, `Bot ${FAKE_TOKEN}`);
    assert.deepEqual(result, {
      scope: 'guild',
      route: `/applications/${fake.applicationId}/guilds/${GUILD_ID}/commands`,
      count: 6,
    });
  });

  it('PUTs every command to the global route without a guild id, and nothing per guild', async () => {
    const { fake, result, requests } = await deployAgainstFake(undefined);
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [`PUT /applications/${fake.applicationId}/commands`],
    );
    assert.equal(result.scope, 'global');
  });

  it('sends bodies within Discord command limits, with zh-CN, zh-TW and English names', async () => {
    const { requests } = await deployAgainstFake(GUILD_ID);
    const body = requests[0]?.body as Array<{
      name: string;
      name_localizations: Record<string, string>;
      options: { name: string }[];
    }>;
    assert.deepEqual(
      body.map((c) => c.name),
      ['battle', 'ask', 'who', 'timeline', 'sources', 'help'],
    );
    assert.deepEqual(commandLimitProblems(body as never), []);
    for (const command of body) {
      assert.ok(JSON.stringify(command).length <= 8_000);
      assert.deepEqual(Object.keys(command.name_localizations).sort(), ['zh-CN', 'zh-TW']);
      assert.ok(
        command.options.some((o) => o.name === 'private'),
        `/${command.name} has private`,
      );
    }
    assert.deepEqual(body, JSON.parse(JSON.stringify(COMMAND_LIST.map((c) => c.definition))));
  });

  it('refuses, before sending anything, definitions that break the limits', async () => {
    const broken = [
      { ...commandDefinitions()[0], name: 'Battle Command', description: 'x'.repeat(101) },
    ] as never;
    assert.deepEqual(commandLimitProblems(broken), [
      '/Battle Command: name “Battle Command” is not a valid name',
      '/Battle Command: description is 101 characters (1..100)',
    ]);
    let puts = 0;
    await assert.rejects(
      deployCommands({ put: async () => void puts++ } as never, { clientId: '1' }, broken),
      /^Error: deploy: the command definitions break Discord's limits/,
    );
    assert.equal(puts, 0);
  });
});
