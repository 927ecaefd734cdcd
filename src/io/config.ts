/**
 * The bot's configuration: read from the environment (and `.env` through dotenv), validated by
 * zod, and reported one clear line per problem. No line ever contains a value: a token pasted
 * into the wrong variable must not end up in a terminal, a CI log or an issue.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

/** Discord's REST root as discord.js's `rest.api` takes it: the client appends `/v10`. */
export const DEFAULT_API_URL = 'https://discord.com/api';
/** The embedded corpus, next to `src/`. */
export const DEFAULT_BOT_CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const DEVELOPER_PORTAL = 'https://discord.com/developers/applications';

/** `KEY=` in `.env` (as `.env.example` has them) means "not set", not "set to nothing". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
const snowflake = z.string().regex(/^\d{17,20}$/);

/** The environment variables the bot reads. */
export const BotEnv = z.object({
  DISCORD_TOKEN: optional(z.string().regex(/^\S+$/)),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  CORPUS_DIR: optional(z.string()),
  DISCORD_API_URL: optional(
    z
      .url({ protocol: /^https?$/ })
      .refine((url) => !/\/v\d+\/?$/.test(url), { message: 'no version suffix' }),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
});
export type BotEnv = z.infer<typeof BotEnv>;

/** What the bot runs with, once validated. */
export type BotConfig = {
  token: string;
  clientId: string;
  /** set: commands are deployed to this one server (development) */
  guildId?: string;
  /** absolute path of the corpus folder */
  corpusDir: string;
  /** REST root without version, e.g. `https://discord.com/api` or `http://127.0.0.1:PORT/api` */
  apiUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
};

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; problems: string[] };

/** One line per variable: what is wrong and where to get the right value. Never the value. */
const PROBLEMS: Record<keyof BotEnv, { missing?: string; invalid: string }> = {
  DISCORD_TOKEN: {
    missing: `DISCORD_TOKEN is not set. Get a bot token at ${DEVELOPER_PORTAL} → your application → Bot → Reset Token, then put DISCORD_TOKEN=<token> in .env (see .env.example) or in the environment.`,
    invalid: `DISCORD_TOKEN is malformed (it contains whitespace). Copy it again from ${DEVELOPER_PORTAL} → your application → Bot.`,
  },
  DISCORD_CLIENT_ID: {
    missing: `DISCORD_CLIENT_ID is not set. It is the Application ID on ${DEVELOPER_PORTAL} → your application → General Information.`,
    invalid: `DISCORD_CLIENT_ID must be the numeric Application ID (17-20 digits) from ${DEVELOPER_PORTAL} → your application → General Information.`,
  },
  DISCORD_GUILD_ID: {
    invalid:
      'DISCORD_GUILD_ID must be a numeric server id (17-20 digits; Developer Mode → right-click the server → Copy Server ID), or be left empty to deploy globally.',
  },
  CORPUS_DIR: { invalid: 'CORPUS_DIR must be a folder path.' },
  DISCORD_API_URL: {
    invalid: `DISCORD_API_URL must be an http(s) URL without a version suffix, e.g. ${DEFAULT_API_URL} (the client appends /v10).`,
  },
  LOG_LEVEL: { invalid: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` },
};

/**
 * Validates an environment into a {@link BotConfig}, or lists every problem, one line each.
 * `cwd` resolves a relative `CORPUS_DIR`.
 *
 * @example
 * parseConfig({ DISCORD_CLIENT_ID: '1300000000000000001' })
 * // { ok: false, problems: ['DISCORD_TOKEN is not set. Get a bot token at https://discord.com/developers/applications → …'] }
 */
export function parseConfig(env: Record<string, string | undefined>, cwd = '.'): ConfigResult {
  const parsed = BotEnv.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as keyof BotEnv;
      const known = PROBLEMS[key];
      if (!known) continue;
      problems.push(known.invalid);
    }
  }
  const data = parsed.success ? parsed.data : undefined;
  for (const key of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID'] as const) {
    const isBlank = (env[key] ?? '').trim() === '';
    if (isBlank) problems.push(PROBLEMS[key].missing ?? PROBLEMS[key].invalid);
  }
  if (problems.length > 0 || !data?.DISCORD_TOKEN || !data.DISCORD_CLIENT_ID) {
    return { ok: false, problems: [...new Set(problems)] };
  }
  return {
    ok: true,
    config: {
      token: data.DISCORD_TOKEN,
      clientId: data.DISCORD_CLIENT_ID,
      ...(data.DISCORD_GUILD_ID ? { guildId: data.DISCORD_GUILD_ID } : {}),
      corpusDir: data.CORPUS_DIR ? resolve(cwd, data.CORPUS_DIR) : DEFAULT_BOT_CORPUS_DIR,
      apiUrl: (data.DISCORD_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, ''),
      logLevel: data.LOG_LEVEL ?? 'info',
    },
  };
}

/**
 * Loads `.env` from the working directory into `process.env` (variables already set win) and
 * validates the result. The only function here that touches the process.
 */
export function loadConfig(): ConfigResult {
  loadDotenv({ quiet: true });
  return parseConfig(process.env, process.cwd());
}
