/**
 * A fake Discord (REST API + gateway) on 127.0.0.1, so tests can drive the REAL discord.js v14
 * `Client` end to end: the client logs in, receives INTERACTION_CREATE over a real WebSocket,
 * and its replies arrive here as real HTTP requests whose JSON bodies tests can assert on.
 *
 * Why a fake instead of hand-made interaction objects: a bot tested only with mocks can still
 * break inside discord.js (missing payload fields, wrong callback type, unhandled rejections on
 * API errors). See ../../../shared/docs/discord-testing.md for the protocol notes this follows.
 *
 * Typical use:
 * ```ts
 * const fake = await startFakeDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds],
 *   rest: { api: fake.apiUrl, globalRequestsPerSecond: 10_000, retries: 0, timeout: 5_000 } });
 * await client.login(FAKE_TOKEN); // then wait for Events.ClientReady
 * const { done } = fake.sendInteraction({ name: 'ask', options: [...] });
 * const callback = await done; // POST /interactions/{id}/{token}/callback
 * // finally: await client.destroy(); await fake.close();
 * ```
 */
import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import type { ClientOptions } from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

/** A token that looks like a bot token (base64url parts, so it is never percent-encoded). */
export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GfAkEd.ZmFrZS1kaXNjb3JkLXRva2VuLWZvci10ZXN0cw';

/**
 * Client options that point discord.js at the fake and keep tests fast. Why each one:
 * - `rest.api`: the fake's REST root (the client appends `/v10`).
 * - `rest.globalRequestsPerSecond`: the default 50/s throttles bursts of editReply/followUp.
 * - `rest.retries: 0`, `rest.timeout`: a 5xx or a hang fails the test at once instead of retrying.
 * - `ws.buildIdentifyThrottler`: discord.js waits 5-6.5 s between two IDENTIFYs of the same
 *   bucket; without this no-op throttler every re-identify (after op 9) costs that much.
 * Spread it into `new Client({ intents, ...fakeClientOptions(fake) })`.
 */
export function fakeClientOptions(fake: Pick<FakeDiscord, 'apiUrl'>): Pick<ClientOptions, 'rest' | 'ws'> {
  return {
    rest: { api: fake.apiUrl, globalRequestsPerSecond: 10_000, retries: 0, timeout: 5_000 },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
  };
}

/** Discord epoch (2015-01-01T00:00:00Z), used to mint plausible snowflakes. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** A file part of a multipart/form-data request (e.g. an attachment sent with a reply). */
export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** File content decoded as UTF-8 (handy for text attachments). */
  text: string;
}

/** One HTTP request the fake received, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Percent-decoded path without the `/api` or `/api/v10` prefix, e.g. `/interactions/1/tok/callback`. */
  path: string;
  /** Query-string parameters (e.g. `{ with_response: 'false' }`). */
  query: Record<string, string>;
  /** Parsed JSON body, the parsed `payload_json` part of a multipart body, or null. */
  body: unknown;
  /** File parts of a multipart body (empty for JSON bodies). */
  files: RecordedFile[];
  headers: IncomingHttpHeaders;
  /** HTTP status the fake answered with. */
  status: number;
  /** `Date.now()` when the request was fully received. */
  at: number;
}

/** Which requests an injected fault applies to; omitted fields match anything. */
export interface RequestMatcher {
  method?: string;
  /** Compared against the decoded path without `/api/v10`, e.g. `/interactions/` or `/webhooks/`. */
  pathPrefix?: string;
}

/** The canned answer of an injected fault. */
export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An option of a chat-input or autocomplete interaction, as Discord sends it. */
export interface FakeCommandOption {
  name: string;
  /** ApplicationCommandOptionType: 3 string, 4 integer, 5 boolean, 10 number, ... */
  type: number;
  value?: unknown;
  focused?: boolean;
  /** Nested options of a subcommand (type 1) or subcommand group (type 2). */
  options?: FakeCommandOption[];
}

/** What a test wants to vary in an INTERACTION_CREATE; everything else gets realistic defaults. */
export interface FakeInteractionInit {
  /** 2 application command (default), 3 message component, 4 autocomplete, 5 modal submit. */
  type?: 2 | 3 | 4 | 5;
  /** Command name (types 2 and 4). Default `'ask'`. */
  name?: string;
  /** ApplicationCommandType for type 2 (1 chat input, 2 user, 3 message). Default 1. */
  commandType?: number;
  commandId?: string;
  options?: FakeCommandOption[];
  /** custom_id for component (3) and modal (5) interactions. Default `'button'`. */
  customId?: string;
  /** ComponentType for type 3: 2 button (default), 3 string select, ... */
  componentType?: number;
  /** Selected values of a select menu (type 3). */
  values?: string[];
  /** Top-level components of a modal submit (type 5). */
  modalComponents?: unknown[];
  /** Fields merged over the default message a component interaction is attached to. */
  message?: Record<string, unknown>;
  /** User locale, e.g. 'zh-CN', 'zh-TW', 'en-US'. Default 'en-US'. */
  locale?: string;
  /** Guild locale. Default 'zh-CN' in a guild, absent in DMs. */
  guildLocale?: string;
  userId?: string;
  username?: string;
  channelId?: string;
  /** Guild id; `null` sends a DM interaction (user instead of member). */
  guildId?: string | null;
  /** Gateway shard that delivers it; default computed from the guild id, 0 for DMs. */
  shard?: number;
  /** Bot permissions in the channel (string bitfield). Default '0'. */
  appPermissions?: string;
  /** Invoking member's permissions in the channel (string bitfield). Default VIEW_CHANNEL|SEND_MESSAGES. */
  memberPermissions?: string;
}

/** Handle on a dispatched interaction. */
export interface SentInteraction {
  id: string;
  token: string;
  /** The exact `d` of the INTERACTION_CREATE dispatch. */
  payload: Record<string, unknown>;
  /**
   * Resolves with the FIRST `POST /interactions/{id}/{token}/callback` for this interaction.
   * Rejects after `interactionTimeoutMs` or when the fake closes; a rejection nobody awaits is
   * swallowed, so tests that never await it cannot crash the runner.
   */
  done: Promise<RecordedRequest>;
}

/** Options of {@link startFakeDiscord}. */
export interface FakeDiscordOptions {
  /** Shard count announced by GET /gateway/bot. Default 1. */
  shards?: number;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /**
   * If set, an interaction callback arriving later than this many ms after the dispatch is
   * refused with 404 `10062 Unknown interaction`, like Discord's 3 s window. Default: no limit.
   */
  responseWindowMs?: number;
  /** How long `SentInteraction.done` waits before rejecting. Default 10 000 ms. */
  interactionTimeoutMs?: number;
}

/** Options of {@link FakeDiscord.dropGateway}. */
export interface DropGatewayOptions {
  /** Close with this code instead of terminating the TCP socket (4000 → the client resumes). */
  code?: number;
  /** Forget the session so the client's RESUME gets op 9 (invalid session) and it re-identifies. */
  invalidateSession?: boolean;
  /** Reject if the shard is not back within this many ms. Default 10 000. */
  timeoutMs?: number;
}

/** A frame a client sent on the gateway. */
export interface GatewayFrame {
  shard: number | null;
  op: number;
  d: unknown;
  at: number;
}

/** The running fake; see {@link startFakeDiscord}. */
export interface FakeDiscord {
  /** Pass as discord.js `rest.api` (no version suffix: the client appends `/v10`). */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT`, announced by GET /gateway/bot and as resume_gateway_url. */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Every HTTP request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** IDENTIFY payloads (`d` of op 2), e.g. to check `shard: [1, 2]`. */
  readonly identifies: unknown[];
  /** RESUME payloads (`d` of op 6). */
  readonly resumes: unknown[];
  /** Every frame clients sent on the gateway (heartbeats included). */
  readonly gatewayFrames: GatewayFrame[];
  /** Dispatch a well-formed INTERACTION_CREATE to the shard's connection (queued until it is up). */
  sendInteraction(init?: FakeInteractionInit): SentInteraction;
  /** Dispatch any gateway event to a shard (queued until the shard is connected). */
  dispatch(event: string, data: unknown, shard?: number): void;
  /** First recorded request (already received or future) matching the predicate. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** All requests answering one interaction: callback, @original edits/fetches/deletes, follow-ups. */
  repliesFor(interactionIdOrToken: string): RecordedRequest[];
  /** Answer the next `times` matching requests with `response` instead of the normal route. */
  failNext(matcher: RequestMatcher, response: FakeResponse, times?: number): void;
  /**
   * Cut a shard's gateway connection; resolves once the client is back, with how it came back.
   * Throws if the shard is not connected.
   */
  dropGateway(shard?: number, options?: DropGatewayOptions): Promise<'resumed' | 'identified'>;
  /** Resolves when the shard is connected and has been sent READY or RESUMED. */
  waitForShard(shard?: number, timeoutMs?: number): Promise<void>;
  /** Close the gateway, all sockets and the HTTP server. Destroy discord.js clients first. */
  close(): Promise<void>;
}

type JsonObject = Record<string, unknown>;

interface GatewaySession {
  id: string;
  shard: [number, number];
  seq: number;
  /** Dispatches already sent on this session, kept for replay on RESUME. */
  sent: Array<{ op: 0; t: string; s: number; d: unknown }>;
}

interface GatewayConnection {
  socket: WebSocket;
  shard: number | null;
  session: GatewaySession | null;
  /** The client asked for whole-payload zlib compression (identify `compress: true`). */
  compress: boolean;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId: string | null;
  dispatchedAt: number;
  acknowledged: boolean;
  /** The @original response message, once a callback created one. */
  original: JsonObject | null;
  /** The message a component interaction is attached to. */
  sourceMessage: JsonObject | null;
  followUps: Map<string, JsonObject>;
}

interface FaultRule {
  matcher: RequestMatcher;
  response: FakeResponse;
  remaining: number;
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

interface ShardWaiter {
  shard: number;
  resolve: (how: 'resumed' | 'identified') => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * Start a fake Discord on an ephemeral 127.0.0.1 port (HTTP and WebSocket share it).
 * Why: lets tests run the real discord.js client with no network access and no real token.
 */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscordServer(opts);
  await fake.listen();
  return fake;
}

class FakeDiscordServer implements FakeDiscord {
  apiUrl = '';
  gatewayUrl = '';
  readonly applicationId: string;
  readonly botUserId: string;
  readonly requests: RecordedRequest[] = [];
  readonly identifies: unknown[] = [];
  readonly resumes: unknown[] = [];
  readonly gatewayFrames: GatewayFrame[] = [];

  readonly #shardCount: number;
  readonly #botUsername: string;
  readonly #responseWindowMs: number | undefined;
  readonly #interactionTimeoutMs: number;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<GatewayConnection>();
  /** Shard id → connection that has been sent READY/RESUMED and is still open. */
  readonly #liveShards = new Map<number, GatewayConnection>();
  readonly #sessions = new Map<string, GatewaySession>();
  /** Dispatches waiting for their shard to (re)connect. */
  readonly #pending = new Map<number, Array<{ t: string; d: unknown }>>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #interactionsByToken = new Map<string, InteractionRecord>();
  readonly #faults: FaultRule[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #shardWaiters = new Set<ShardWaiter>();
  readonly #commands = new Map<string, JsonObject[]>();
  #snowflakeCounter = 0n;
  #closed = false;

  constructor(opts: FakeDiscordOptions) {
    this.#shardCount = opts.shards ?? 1;
    this.applicationId = opts.applicationId ?? '1300000000000000001';
    this.botUserId = opts.botUserId ?? this.applicationId;
    this.#botUsername = opts.botUsername ?? 'FakeBot';
    this.#responseWindowMs = opts.responseWindowMs;
    this.#interactionTimeoutMs = opts.interactionTimeoutMs ?? 10_000;
    this.#http = createServer((req, res) => {
      this.#handleHttp(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          this.#send(res, 500, { message: `fake discord crashed: ${String(error)}`, code: 0 });
        }
      });
    });
    this.#wss = new WebSocketServer({ server: this.#http });
    this.#wss.on('connection', (socket) => this.#onGatewayConnection(socket));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(0, '127.0.0.1', () => {
        this.#http.off('error', reject);
        resolve();
      });
    });
    const { port } = this.#http.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  // ---------------------------------------------------------------- public API

  sendInteraction(init: FakeInteractionInit = {}): SentInteraction {
    const type = init.type ?? 2;
    const id = this.#snowflake();
    // Shaped like Discord's (base64url), so discord.js never percent-encodes it in paths.
    const token = `aW50ZXJhY3Rpb246${Buffer.from(`${id}:${randomBytes(24).toString('hex')}`).toString('base64url')}`;
    const guildId = init.guildId === undefined ? '1100000000000000000' : init.guildId;
    const channelId = init.channelId ?? (guildId ? '1200000000000000000' : '1200000000000000099');
    const user = {
      id: init.userId ?? '1000000000000000001',
      username: init.username ?? 'tester',
      discriminator: '0',
      global_name: init.username ?? 'Tester',
      avatar: null,
      public_flags: 0,
    };
    const payload: JsonObject = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      channel_id: channelId,
      locale: init.locale ?? 'en-US',
      app_permissions: init.appPermissions ?? '0',
      entitlements: [],
      attachment_size_limit: 10_485_760,
    };
    if (guildId) {
      payload.guild_id = guildId;
      payload.guild_locale = init.guildLocale ?? 'zh-CN';
      payload.guild = { id: guildId, locale: payload.guild_locale, features: [] };
      payload.channel = { id: channelId, type: 0, guild_id: guildId, name: 'general', nsfw: false, flags: 0 };
      payload.member = {
        user,
        roles: [],
        nick: null,
        avatar: null,
        joined_at: '2024-01-01T00:00:00.000000+00:00',
        premium_since: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
        permissions: init.memberPermissions ?? '3072',
      };
      payload.authorizing_integration_owners = { '0': guildId };
      payload.context = 0;
    } else {
      payload.user = user;
      payload.channel = { id: channelId, type: 1, recipients: [user], flags: 0 };
      payload.authorizing_integration_owners = { '1': user.id };
      payload.context = 1;
    }

    let sourceMessage: JsonObject | null = null;
    if (type === 2 || type === 4) {
      const data: JsonObject = {
        id: init.commandId ?? this.#commandIdFor(init.name ?? 'ask', guildId),
        name: init.name ?? 'ask',
        type: init.commandType ?? 1,
      };
      if (init.options !== undefined) data.options = init.options;
      else if (type === 4) data.options = [];
      if (guildId) data.guild_id = guildId;
      payload.data = data;
    } else if (type === 3) {
      const componentType = init.componentType ?? 2;
      const data: JsonObject = { custom_id: init.customId ?? 'button', component_type: componentType };
      if (componentType !== 2) {
        data.values = init.values ?? [];
        if (componentType !== 3) data.resolved = {};
      }
      payload.data = data;
      sourceMessage = this.#makeMessage(channelId, guildId, {
        content: 'original message',
        components: [
          {
            type: 1,
            components: [{ type: 2, style: 1, label: 'Button', custom_id: init.customId ?? 'button' }],
          },
        ],
        interaction_metadata: { id: this.#snowflake(), type: 2, user, authorizing_integration_owners: {} },
        ...init.message,
      });
      payload.message = sourceMessage;
    } else {
      payload.data = { custom_id: init.customId ?? 'modal', components: init.modalComponents ?? [] };
    }

    const record: InteractionRecord = {
      id,
      token,
      type,
      channelId,
      guildId,
      dispatchedAt: Date.now(),
      acknowledged: false,
      original: null,
      sourceMessage,
      followUps: new Map(),
    };
    this.#interactions.set(id, record);
    this.#interactionsByToken.set(token, record);

    const callbackPath = `/interactions/${id}/${token}/callback`;
    const done = this.waitFor(
      (request) => request.method === 'POST' && request.path === callbackPath,
      this.#interactionTimeoutMs,
    );
    done.catch(() => {});

    this.dispatch('INTERACTION_CREATE', payload, init.shard ?? this.#shardFor(guildId));
    return { id, token, payload, done };
  }

  dispatch(event: string, data: unknown, shard = 0): void {
    const connection = this.#liveShards.get(shard);
    if (connection?.session && connection.socket.readyState === connection.socket.OPEN) {
      this.#sendDispatch(connection, event, data);
      return;
    }
    const queue = this.#pending.get(shard) ?? [];
    queue.push({ t: event, d: data });
    this.#pending.set(shard, queue);
  }

  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const existing = this.requests.find(predicate);
    if (existing) return Promise.resolve(existing);
    if (this.#closed) return Promise.reject(new Error('fake discord is closed'));
    return new Promise<RecordedRequest>((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve, reject, timer: null };
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`fake discord: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiter.timer.unref();
      }
      this.#waiters.add(waiter);
    });
  }

  repliesFor(interactionIdOrToken: string): RecordedRequest[] {
    const record =
      this.#interactions.get(interactionIdOrToken) ?? this.#interactionsByToken.get(interactionIdOrToken);
    if (!record) return [];
    const callbackPrefix = `/interactions/${record.id}/${record.token}/`;
    const webhookPath = `/webhooks/${this.applicationId}/${record.token}`;
    return this.requests.filter(
      (request) =>
        request.path.startsWith(callbackPrefix) ||
        request.path === webhookPath ||
        request.path.startsWith(`${webhookPath}/`),
    );
  }

  failNext(matcher: RequestMatcher, response: FakeResponse, times = 1): void {
    this.#faults.push({ matcher, response, remaining: times });
  }

  dropGateway(shard = 0, options: DropGatewayOptions = {}): Promise<'resumed' | 'identified'> {
    const connection = this.#liveShards.get(shard);
    if (!connection) return Promise.reject(new Error(`fake discord: shard ${shard} is not connected`));
    const back = this.#waitForShardEvent(shard, options.timeoutMs ?? 10_000);
    this.#liveShards.delete(shard);
    if (options.invalidateSession && connection.session) this.#sessions.delete(connection.session.id);
    if (options.code === undefined) connection.socket.terminate();
    else connection.socket.close(options.code, 'fake discord dropped the connection');
    return back;
  }

  async waitForShard(shard = 0, timeoutMs = 5_000): Promise<void> {
    if (this.#liveShards.has(shard)) return;
    await this.#waitForShardEvent(shard, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.reject(new Error('fake discord closed'));
    }
    this.#waiters.clear();
    for (const waiter of this.#shardWaiters) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.reject(new Error('fake discord closed'));
    }
    this.#shardWaiters.clear();
    for (const connection of this.#connections) connection.socket.terminate();
    this.#connections.clear();
    this.#liveShards.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  // ---------------------------------------------------------------- gateway

  #onGatewayConnection(socket: WebSocket): void {
    const connection: GatewayConnection = { socket, shard: null, session: null, compress: false };
    this.#connections.add(connection);
    socket.on('message', (raw, isBinary) => this.#onGatewayMessage(connection, raw, isBinary));
    socket.on('close', () => {
      this.#connections.delete(connection);
      if (connection.shard !== null && this.#liveShards.get(connection.shard) === connection) {
        this.#liveShards.delete(connection.shard);
      }
    });
    socket.on('error', () => {});
    this.#sendFrame(connection, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  #onGatewayMessage(connection: GatewayConnection, raw: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(rawToString(raw)) as { op?: unknown; d?: unknown };
    } catch {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = typeof frame.op === 'number' ? frame.op : -1;
    this.gatewayFrames.push({ shard: connection.shard, op, d: frame.d, at: Date.now() });
    switch (op) {
      case 1:
        this.#sendFrame(connection, { op: 11 });
        break;
      case 2:
        this.#onIdentify(connection, (frame.d ?? {}) as JsonObject);
        break;
      case 6:
        this.#onResume(connection, (frame.d ?? {}) as JsonObject);
        break;
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members
        break;
      default:
        connection.socket.close(4001, 'Unknown opcode.');
    }
  }

  #onIdentify(connection: GatewayConnection, d: JsonObject): void {
    this.identifies.push(d);
    if (connection.session) {
      connection.socket.close(4005, 'Already authenticated.');
      return;
    }
    const shardPair = parseShard(d.shard);
    if (shardPair[0] >= shardPair[1]) {
      connection.socket.close(4010, 'Invalid shard.');
      return;
    }
    connection.compress = d.compress === true;
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard: shardPair,
      seq: 0,
      sent: [],
    };
    this.#sessions.set(session.id, session);
    this.#goLive(connection, session);
    this.#sendDispatch(connection, 'READY', {
      v: 10,
      user: this.#botUser(),
      guilds: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard: shardPair,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    this.#settleShardWaiters(shardPair[0], 'identified');
    this.#flushPending(shardPair[0]);
  }

  #onResume(connection: GatewayConnection, d: JsonObject): void {
    this.resumes.push(d);
    const session = typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session || seq > session.seq) {
      // Not resumable: op 9 with d:false makes the client close and re-identify.
      this.#sendFrame(connection, { op: 9, d: false });
      return;
    }
    const previous = this.#liveShards.get(session.shard[0]);
    if (previous && previous !== connection) previous.socket.terminate();
    this.#goLive(connection, session);
    for (const missed of session.sent) {
      if (missed.s > seq) this.#sendFrame(connection, missed);
    }
    this.#sendDispatch(connection, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    this.#settleShardWaiters(session.shard[0], 'resumed');
    this.#flushPending(session.shard[0]);
  }

  #goLive(connection: GatewayConnection, session: GatewaySession): void {
    connection.session = session;
    connection.shard = session.shard[0];
    this.#liveShards.set(session.shard[0], connection);
  }

  #flushPending(shard: number): void {
    const queue = this.#pending.get(shard);
    if (!queue) return;
    this.#pending.delete(shard);
    for (const item of queue) this.dispatch(item.t, item.d, shard);
  }

  #sendDispatch(connection: GatewayConnection, event: string, data: unknown): void {
    const session = connection.session;
    if (!session) throw new Error('fake discord: dispatch on a connection without a session');
    session.seq += 1;
    const frame = { op: 0 as const, t: event, s: session.seq, d: data };
    session.sent.push(frame);
    this.#sendFrame(connection, frame);
  }

  #sendFrame(connection: GatewayConnection, frame: unknown): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    const text = JSON.stringify(frame);
    // Identify compression: whole payloads zlib-deflated in binary frames (only if the client asked).
    if (connection.compress) connection.socket.send(deflateSync(text), { binary: true });
    else connection.socket.send(text);
  }

  #waitForShardEvent(shard: number, timeoutMs: number): Promise<'resumed' | 'identified'> {
    if (this.#closed) return Promise.reject(new Error('fake discord is closed'));
    return new Promise((resolve, reject) => {
      const waiter: ShardWaiter = { shard, resolve, reject, timer: null };
      waiter.timer = setTimeout(() => {
        this.#shardWaiters.delete(waiter);
        reject(new Error(`fake discord: shard ${shard} did not come back within ${timeoutMs} ms`));
      }, timeoutMs);
      waiter.timer.unref();
      this.#shardWaiters.add(waiter);
    });
  }

  #settleShardWaiters(shard: number, how: 'resumed' | 'identified'): void {
    for (const waiter of this.#shardWaiters) {
      if (waiter.shard !== shard) continue;
      if (waiter.timer) clearTimeout(waiter.timer);
      this.#shardWaiters.delete(waiter);
      waiter.resolve(how);
    }
  }

  #shardFor(guildId: string | null): number {
    if (!guildId) return 0;
    const identified = this.identifies
      .map((d) => parseShard((d as JsonObject).shard)[1])
      .find((count) => count > 0);
    const count = BigInt(identified ?? this.#shardCount);
    return Number((BigInt(guildId) >> 22n) % count);
  }

  // ---------------------------------------------------------------- HTTP

  async #handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = stripApiPrefix(decodePath(url.pathname));
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, files } = await parseBody(req.headers['content-type'], rawBody);

    const request: RecordedRequest = {
      method,
      path,
      query,
      body,
      files,
      headers: req.headers,
      status: 0,
      at: Date.now(),
    };

    const fault = this.#takeFault(method, path);
    const answer: FakeResponse = fault ?? this.#route(request);
    request.status = answer.status;
    this.requests.push(request);
    this.#notifyWaiters(request);
    this.#send(res, answer.status, answer.body, answer.headers);
  }

  #takeFault(method: string, path: string): FakeResponse | null {
    const rule = this.#faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.matcher.method === undefined || candidate.matcher.method.toUpperCase() === method) &&
        (candidate.matcher.pathPrefix === undefined || path.startsWith(candidate.matcher.pathPrefix)),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.#faults.splice(this.#faults.indexOf(rule), 1);
    return rule.response;
  }

  #notifyWaiters(request: RecordedRequest): void {
    for (const waiter of this.#waiters) {
      if (!waiter.predicate(request)) continue;
      if (waiter.timer) clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(request);
    }
  }

  #route(request: RecordedRequest): FakeResponse {
    const { method } = request;
    const segments = request.path.split('/').filter((segment) => segment.length > 0);
    const [first, second, third, fourth, fifth] = segments;
    const ok = (body: unknown): FakeResponse => ({ status: 200, body });

    if (first === 'gateway' && method === 'GET') {
      if (segments.length === 1) return ok({ url: this.gatewayUrl });
      if (second === 'bot' && segments.length === 2) {
        return ok({
          url: this.gatewayUrl,
          shards: this.#shardCount,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
        });
      }
    }
    if (first === 'users' && second === '@me' && segments.length === 2 && method === 'GET') {
      return ok(this.#botUser());
    }
    if (first === 'applications' && second === '@me' && segments.length === 2 && method === 'GET') {
      return ok(this.#application());
    }
    if (first === 'interactions' && fourth === 'callback' && segments.length === 4 && method === 'POST') {
      return this.#interactionCallback(second ?? '', third ?? '', request);
    }
    if (first === 'webhooks' && second !== undefined && third !== undefined) {
      if (segments.length === 3 && method === 'POST') return this.#followUp(second, third, request);
      if (fourth === 'messages' && fifth !== undefined && segments.length === 5) {
        return this.#webhookMessage(second, third, fifth, request);
      }
    }
    if (first === 'applications' && second !== undefined && second !== '@me') {
      if (third === 'commands' && segments.length === 3) return this.#commandsRoute(second, null, request);
      if (third === 'guilds' && fourth !== undefined && fifth === 'commands' && segments.length === 5) {
        return this.#commandsRoute(second, fourth, request);
      }
      if (third === 'commands' && fourth !== undefined && segments.length === 4 && method === 'GET') {
        const found = [...this.#commands.values()].flat().find((command) => command.id === fourth);
        return found ? ok(found) : unknown(404, 'Unknown application command', 10063);
      }
    }
    return unknown(404, 'Unknown', 0);
  }

  #interactionCallback(id: string, token: string, request: RecordedRequest): FakeResponse {
    const record = this.#interactions.get(id);
    if (!record || record.token !== token) return unknown(404, 'Unknown interaction', 10062);
    if (this.#responseWindowMs !== undefined && request.at - record.dispatchedAt > this.#responseWindowMs) {
      return unknown(404, 'Unknown interaction', 10062);
    }
    if (record.acknowledged) return unknown(400, 'Interaction has already been acknowledged.', 40060);
    const body = asObject(request.body);
    const callbackType = typeof body.type === 'number' ? body.type : -1;
    const data = asObject(body.data);
    let message: JsonObject | null = null;
    switch (callbackType) {
      case 1: // pong
      case 6: // deferred update message
      case 8: // autocomplete result
      case 9: // modal
        break;
      case 4:
        record.original = this.#makeMessage(
          record.channelId,
          record.guildId,
          messageFields(data, request.files),
        );
        message = record.original;
        break;
      case 5:
        record.original = this.#makeMessage(record.channelId, record.guildId, {
          content: '',
          flags: (numberOr(data.flags, 0) & 64) | 128,
        });
        message = record.original;
        break;
      case 7:
        if (record.sourceMessage) {
          Object.assign(record.sourceMessage, messageFields(data, request.files), {
            edited_timestamp: new Date().toISOString(),
          });
          message = record.sourceMessage;
        }
        break;
      default:
        return unknown(400, 'Invalid Form Body', 50035);
    }
    record.acknowledged = true;
    if (request.query.with_response !== 'true') return { status: 204, body: null };
    const flags = numberOr(message?.flags, 0);
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          activity_instance_id: null,
          response_message_id: message ? message.id : null,
          response_message_loading: message ? (flags & 128) !== 0 : null,
          response_message_ephemeral: message ? (flags & 64) !== 0 : null,
        },
        resource: { type: callbackType, ...(message ? { message } : {}) },
      },
    };
  }

  #followUp(applicationId: string, token: string, request: RecordedRequest): FakeResponse {
    const record = this.#interactionsByToken.get(token);
    if (applicationId !== this.applicationId || !record) return unknown(404, 'Unknown Webhook', 10015);
    if (!record.acknowledged) return unknown(404, 'Unknown Webhook', 10015);
    const data = asObject(request.body);
    const message = this.#makeMessage(record.channelId, record.guildId, messageFields(data, request.files));
    record.followUps.set(String(message.id), message);
    return { status: 200, body: message };
  }

  #webhookMessage(
    applicationId: string,
    token: string,
    messageId: string,
    request: RecordedRequest,
  ): FakeResponse {
    const record = this.#interactionsByToken.get(token);
    if (applicationId !== this.applicationId || !record) return unknown(404, 'Unknown Webhook', 10015);
    const isOriginal = messageId === '@original';
    // After a type 7 update, @original is the component's message.
    const target = isOriginal
      ? (record.original ?? (record.acknowledged ? record.sourceMessage : null))
      : record.followUps.get(messageId);
    if (!target) return unknown(404, 'Unknown Message', 10008);
    switch (request.method) {
      case 'GET':
        return { status: 200, body: target };
      case 'PATCH': {
        const fields = messageFields(asObject(request.body), request.files);
        Object.assign(target, fields, {
          // Editing a deferred reply ends its "thinking" state.
          flags: numberOr(fields.flags, numberOr(target.flags, 0)) & ~128,
          edited_timestamp: new Date().toISOString(),
        });
        return { status: 200, body: target };
      }
      case 'DELETE':
        if (isOriginal) record.original = null;
        else record.followUps.delete(messageId);
        return { status: 204, body: null };
      default:
        return unknown(405, '405: Method Not Allowed', 0);
    }
  }

  #commandsRoute(applicationId: string, guildId: string | null, request: RecordedRequest): FakeResponse {
    if (applicationId !== this.applicationId) return unknown(403, 'Missing Access', 50001);
    const key = guildId ?? 'global';
    const current = this.#commands.get(key) ?? [];
    switch (request.method) {
      case 'GET':
        return { status: 200, body: current };
      case 'PUT': {
        const input = Array.isArray(request.body) ? request.body : [];
        const stored = input.map((command) => this.#storeCommand(asObject(command), guildId, current));
        this.#commands.set(key, stored);
        return { status: 200, body: stored };
      }
      case 'POST': {
        const stored = this.#storeCommand(asObject(request.body), guildId, current);
        this.#commands.set(key, [...current.filter((command) => command.name !== stored.name), stored]);
        return { status: 201, body: stored };
      }
      default:
        return unknown(405, '405: Method Not Allowed', 0);
    }
  }

  #storeCommand(command: JsonObject, guildId: string | null, existing: JsonObject[]): JsonObject {
    const previous = existing.find((candidate) => candidate.name === command.name);
    return {
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...command,
      id: previous?.id ?? this.#snowflake(),
      application_id: this.applicationId,
      version: this.#snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  #commandIdFor(name: string, guildId: string | null): string {
    for (const key of [guildId ?? 'global', 'global']) {
      const found = this.#commands.get(key)?.find((command) => command.name === name);
      if (found && typeof found.id === 'string') return found.id;
    }
    return '1400000000000000001';
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const lowerCaseKeys = new Set(Object.keys(headers).map((key) => key.toLowerCase()));
    const outgoing: Record<string, string> = { ...headers };
    if (status === 204 || body === null || body === undefined) {
      res.writeHead(status, outgoing);
      res.end();
      return;
    }
    if (!lowerCaseKeys.has('content-type')) outgoing['Content-Type'] = 'application/json';
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, outgoing);
    res.end(text);
  }

  // ---------------------------------------------------------------- objects

  #snowflake(): string {
    this.#snowflakeCounter += 1n;
    const timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
    return ((timestamp << 22n) | (this.#snowflakeCounter & 0xfffn)).toString();
  }

  #botUser(): JsonObject {
    return {
      id: this.botUserId,
      username: this.#botUsername,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      verified: true,
      mfa_enabled: false,
      flags: 0,
      public_flags: 0,
    };
  }

  #application(): JsonObject {
    return {
      id: this.applicationId,
      name: this.#botUsername,
      icon: null,
      description: 'A fake application for tests',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: { id: '1000000000000000002', username: 'owner', discriminator: '0', avatar: null },
      bot: this.#botUser(),
      tags: [],
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { '0': {} },
    };
  }

  #makeMessage(channelId: string, guildId: string | null, fields: JsonObject): JsonObject {
    return {
      id: this.#snowflake(),
      type: 0,
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: this.#botUser(),
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      application_id: this.applicationId,
      webhook_id: this.applicationId,
      ...fields,
    };
  }
}

// ------------------------------------------------------------------ helpers

function unknown(status: number, message: string, code: number): FakeResponse {
  return { status, body: { message, code } };
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The message fields a reply/edit body can set, as Discord would store them. */
function messageFields(data: JsonObject, files: RecordedFile[]): JsonObject {
  const fields: JsonObject = {};
  for (const key of ['content', 'embeds', 'components', 'flags', 'tts', 'poll'] as const) {
    if (data[key] !== undefined) fields[key] = data[key];
  }
  if (typeof data.flags === 'number') fields.flags = data.flags & (64 | 4 | 4096 | 32768);
  if (files.length > 0 || data.attachments !== undefined) {
    fields.attachments = files.map((file, index) => ({
      id: String(index),
      filename: file.filename,
      size: file.size,
      content_type: file.contentType,
      url: `https://cdn.invalid/attachments/${index}/${encodeURIComponent(file.filename)}`,
      proxy_url: `https://cdn.invalid/attachments/${index}/${encodeURIComponent(file.filename)}`,
    }));
  }
  return fields;
}

function parseShard(value: unknown): [number, number] {
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
    return [value[0], value[1]];
  }
  return [0, 1];
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function stripApiPrefix(path: string): string {
  const match = /^\/api(?:\/v\d+)?(?=\/|$)/.exec(path);
  const rest = match ? path.slice(match[0].length) : path;
  return rest === '' ? '/' : rest;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    // Node's fetch Request parses multipart bodies; no extra dependency needed.
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = safeJson(value);
        continue;
      }
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        size: bytes.length,
        text: bytes.toString('utf8'),
      });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  return { body: contentType?.includes('json') ? safeJson(text) : (safeJson(text) ?? text), files: [] };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
