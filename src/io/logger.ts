/**
 * Structured logs (pino, one JSON object per line on stdout). Secrets are removed from the
 * finished line, not only from known fields: the bot token (whatever field or message it ended
 * up in) and interaction tokens inside REST paths of Discord errors never reach the output.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export type LoggerOptions = {
  /** pino level; default `info` */
  level?: string;
  /** literal strings to remove from every line (the configured bot token) */
  secrets?: readonly string[];
  /** fields on every line, e.g. `{ shard: 1 }` */
  base?: Record<string, unknown>;
  /** where lines go; default stdout (tests pass a collecting stream) */
  destination?: DestinationStream;
};

/** Shaped like a bot token: base64url id . timestamp . hmac. */
const BOT_TOKEN_PATTERN = /[\w-]{20,}\.[\w-]{5,}\.[\w-]{20,}/g;
/** `/interactions/{id}/{token}` and `/webhooks/{app}/{token}`: the token answers as the bot for 15 min. */
const INTERACTION_TOKEN_PATTERN = /\/(interactions|webhooks)\/(\d+)\/[^/\s"?\\]+/g;

/**
 * A pino logger that scrubs secrets from each line and serializes errors compactly
 * (`type`, `message`, `code`, `status`, `method`, `url`, `stack`), without the request bodies
 * discord.js attaches to its errors.
 *
 * @example
 * createLogger({ level: 'info', secrets: [token] }).info({ command: 'battle' }, 'answered')
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      serializers: { err: serializeError, error: serializeError },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * `text` with the given secrets, anything shaped like a bot token, and interaction tokens in
 * REST paths replaced by `[redacted]`.
 *
 * @example
 * scrubSecrets('PATCH /webhooks/13/aW50ZXJhY3Rpb246/messages/@original', []) // 'PATCH /webhooks/13/[redacted]/messages/@original'
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out.replace(BOT_TOKEN_PATTERN, '[redacted]').replace(INTERACTION_TOKEN_PATTERN, '/$1/$2/[redacted]');
}

/** An error as a small plain object (discord.js's errors carry the whole request body). */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & {
    code?: unknown;
    status?: unknown;
    method?: unknown;
    url?: unknown;
    cause?: unknown;
  };
  return {
    type: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
    ...(typeof e.method === 'string' ? { method: e.method } : {}),
    ...(typeof e.url === 'string' ? { url: e.url } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}
