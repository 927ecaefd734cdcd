import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_API_URL, DEFAULT_BOT_CORPUS_DIR, parseConfig } from '../../src/io/config';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEd.ZmFrZS1kaXNjb3JkLXRva2VuLWZvci10ZXN0cw';
const CLIENT_ID = '1300000000000000001';

describe('parseConfig', () => {
  it('reads the required variables and fills in the defaults', () => {
    assert.deepEqual(parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID }), {
      ok: true,
      config: {
        token: TOKEN,
        clientId: CLIENT_ID,
        corpusDir: DEFAULT_BOT_CORPUS_DIR,
        apiUrl: DEFAULT_API_URL,
        logLevel: 'info',
      },
    });
  });

  it('reads the optional variables; empty ones (as in .env.example) count as unset', () => {
    const result = parseConfig(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: CLIENT_ID,
        DISCORD_GUILD_ID: '1100000000000000000',
        CORPUS_DIR: 'wiki',
        DISCORD_API_URL: 'http://127.0.0.1:4000/api/',
        LOG_LEVEL: 'debug',
      },
      '/srv/bot',
    );
    assert.deepEqual(result, {
      ok: true,
      config: {
        token: TOKEN,
        clientId: CLIENT_ID,
        guildId: '1100000000000000000',
        corpusDir: '/srv/bot/wiki',
        apiUrl: 'http://127.0.0.1:4000/api',
        logLevel: 'debug',
      },
    });
    const blank = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_GUILD_ID: '',
      LOG_LEVEL: ' ',
    });
    assert.ok(blank.ok && blank.config.guildId === undefined && blank.config.logLevel === 'info');
  });

  // Each row: environment, the start of each expected problem line.
  const rows: Array<[string, Record<string, string>, string[]]> = [
    [
      'no token',
      { DISCORD_CLIENT_ID: CLIENT_ID },
      ['DISCORD_TOKEN is not set. Get a bot token at https://discord.com/developers/applications'],
    ],
    ['a blank token', { DISCORD_TOKEN: '  ', DISCORD_CLIENT_ID: CLIENT_ID }, ['DISCORD_TOKEN is not set.']],
    [
      'a token with a space',
      { DISCORD_TOKEN: `${TOKEN} x`, DISCORD_CLIENT_ID: CLIENT_ID },
      ['DISCORD_TOKEN is malformed'],
    ],
    ['no client id', { DISCORD_TOKEN: TOKEN }, ['DISCORD_CLIENT_ID is not set.']],
    ['nothing', {}, ['DISCORD_TOKEN is not set.', 'DISCORD_CLIENT_ID is not set.']],
    [
      'a client id that is not a snowflake',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'my-bot' },
      ['DISCORD_CLIENT_ID must be the numeric Application ID'],
    ],
    [
      'a bad guild id',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_GUILD_ID: 'general' },
      ['DISCORD_GUILD_ID must be a numeric server id'],
    ],
    [
      'an API URL with /v10',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: 'https://discord.com/api/v10' },
      ['DISCORD_API_URL must be an http(s) URL without a version suffix'],
    ],
    [
      'an API URL that is no URL',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, DISCORD_API_URL: 'discord' },
      ['DISCORD_API_URL must be'],
    ],
    [
      'an unknown log level',
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: CLIENT_ID, LOG_LEVEL: 'loud' },
      ['LOG_LEVEL must be one of trace, debug'],
    ],
  ];
  for (const [why, env, expected] of rows) {
    it(`reports ${why}, one line per problem`, () => {
      const result = parseConfig(env);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problems.length, expected.length, result.problems.join('\n'));
      for (const [i, start] of expected.entries())
        assert.ok(result.problems[i]?.startsWith(start), result.problems[i]);
    });
  }

  it('never puts a value in a problem line', () => {
    const env = {
      DISCORD_TOKEN: `${TOKEN} x`,
      DISCORD_CLIENT_ID: TOKEN,
      DISCORD_GUILD_ID: TOKEN,
      DISCORD_API_URL: TOKEN,
      LOG_LEVEL: TOKEN,
    };
    const result = parseConfig(env);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 5);
    for (const line of result.problems) assert.ok(!line.includes(TOKEN.slice(0, 10)), line);
  });
});
