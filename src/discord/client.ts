import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  REST,
  RESTEvents,
  type RESTGetAPIGatewayBotResult,
  Routes,
} from 'discord.js';
import { COMMAND_LIST } from '../../commands';
import { type AnswerContext, warmAnswerContext } from '../answer';
import type { BotConfig } from '../io/config';
import type { Logger } from '../io/logger';
import { REPLY_LOCALES, renderForDiscord } from '../render';
import { DeferPolicy } from './deferPolicy';
import { type BotDeps, handleInteraction } from './handleInteraction';
import { RateLimiter } from './rateLimit';
import { runCommand } from './runCommand';

/**
 * A discord.js client for this bot: the `Guilds` intent only (slash commands need no other),
 * mentions disabled by default, REST pointed at `config.apiUrl`. `overrides` are merged on top
 * (tests raise the REST request rate and drop retries).
 */
export function createBotClient(
  config: Pick<BotConfig, 'apiUrl'>,
  overrides: Partial<ClientOptions> = {},
): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...overrides,
    rest: { ...overrides.rest, api: config.apiUrl },
  });
}

/** Options of {@link startBot}. */
export type StartBotOptions = {
  config: Pick<BotConfig, 'token' | 'apiUrl'>;
  ctx: AnswerContext;
  logger: Logger;
  /** merged into the client options (see {@link createBotClient}) */
  clientOptions?: Partial<ClientOptions>;
  /** default: a limiter with the production limits on the real clock */
  limiter?: RateLimiter;
  now?: () => number;
  /** reject if the client is not ready within this many ms; default 30 000 */
  readyTimeoutMs?: number;
};

/** A running bot. */
export type Bot = {
  client: Client;
  /** Destroys the client (closes the gateway, stops REST); safe to call twice. */
  stop(): Promise<void>;
  /** Answers from now on from `ctx` (a reloaded corpus); interactions in flight finish on the old one. */
  setContext(ctx: AnswerContext): void;
};

/**
 * Creates the client, wires interactions and logging, logs in and resolves once the client is
 * ready (logged as `ready`). A failed login destroys the client before rejecting.
 */
export async function startBot(options: StartBotOptions): Promise<Bot> {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const warmUpMs = warmUp(options.ctx);
  const client = createBotClient(options.config, options.clientOptions);
  let stopped = false;
  const deps: BotDeps = {
    ctx: options.ctx,
    logger,
    limiter: options.limiter ?? new RateLimiter({ now }),
    deferPolicy: new DeferPolicy(),
    now,
  };
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, deps).catch((error: unknown) =>
      logger.error({ err: error }, 'handler crashed'),
    );
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'client warning'));
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'gateway error'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ code: event.code, shard }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shard) => {
    // destroy() fires one of these; it is not news.
    if (!stopped) logger.info({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  // A 429 answer: discord.js waits Retry-After and retries without emitting any event for it
  // (RateLimited only fires when it holds a request back on a bucket it knows is empty).
  client.rest.on(RESTEvents.Response, (request, response) => {
    // A 5xx that will be retried (one that will not reaches the handler, which logs it).
    if (response.status >= 500 && request.retries < client.rest.options.retries) {
      logger.warn(
        {
          status: response.status,
          route: request.route,
          method: request.method,
          attempt: request.retries + 1,
        },
        'Discord server error; retrying',
      );
      return;
    }
    if (response.status !== 429) return;
    logger.warn(
      {
        status: 429,
        route: request.route,
        method: request.method,
        retryAfterMs: Math.round(Number(response.headers.get('retry-after') ?? 0) * 1_000),
        global: response.headers.has('x-ratelimit-global'),
        scope: response.headers.get('x-ratelimit-scope') ?? undefined,
      },
      'rate limited by Discord',
    );
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.info(
      {
        route: info.route,
        method: info.method,
        retryAfterMs: info.retryAfter,
        global: info.global,
        scope: info.scope,
      },
      'waiting for a Discord rate limit',
    ),
  );

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await client.destroy();
  };
  try {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`discord: not ready within ${options.readyTimeoutMs ?? 30_000} ms`)),
        options.readyTimeoutMs ?? 30_000,
      );
      client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await client.login(options.config.token);
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info(
    {
      user: client.user?.tag,
      shards: client.ws.shards.map((shard) => shard.id),
      shardCount: client.options.shardCount,
      guilds: client.guilds.cache.size,
      warmUpMs,
      loginMs: now() - started - warmUpMs,
    },
    'ready',
  );
  return {
    client,
    stop,
    setContext: (ctx) => {
      deps.ctx = ctx;
    },
  };
}

/**
 * Builds the context's lookup tables and compiles the answering paths ({@link warmAnswerContext}),
 * then runs every command once and renders it in every locale, so that the first user does not
 * pay for lazy loading (OpenCC's dictionaries, pinyin, first searches: ~0.4 s). Returns its ms.
 */
function warmUp(ctx: AnswerContext): number {
  const started = performance.now();
  warmAnswerContext(ctx);
  for (const command of COMMAND_LIST) {
    const example = command.autocomplete?.('', ctx)[0]?.value;
    const raw = example && command.mainOption ? { [command.mainOption]: example } : {};
    const answer = runCommand(command, raw, ctx);
    for (const locale of REPLY_LOCALES) renderForDiscord(answer, { locale });
  }
  return Math.round(performance.now() - started);
}

/**
 * The shard count Discord recommends for this bot and how many shards may identify at once,
 * from `GET /gateway/bot` of `config.apiUrl` (discord.js's `totalShards: 'auto'` always asks
 * discord.com, which a fake or a proxy would not see).
 */
export async function fetchRecommendedShards(
  config: Pick<BotConfig, 'token' | 'apiUrl'>,
): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return {
    shards: Math.max(1, gateway.shards),
    maxConcurrency: Math.max(1, gateway.session_start_limit.max_concurrency),
  };
}
