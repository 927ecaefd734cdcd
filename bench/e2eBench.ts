/**
 * End to end through Discord's wire protocol: the real discord.js client (`startBot`, as
 * `npm start` runs it, in a worker thread: `e2eBot.ts`) against the fake Discord of the tests
 * (`tests/helpers/fakeDiscord.ts`, imported, not copied) on 127.0.0.1 in the main thread.
 *
 * - round trip: one interaction at a time, dispatch on the gateway → the reply the user sees
 *   (the callback, or for a deferred reply the webhook edit), p50/p99; autocomplete apart.
 * - burst: N interactions dispatched at once from N distinct users in N channels (so the rate
 *   limiter lets them through), with Discord's 3 s response window enforced by the fake:
 *   total time, how many got an answer embed, how many were deferred or expired.
 *
 *   node --expose-gc --import tsx bench/e2eBench.ts --spec FILE [--round-trips N] [--burst N] [--bursts N]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { REPLY_LOCALES, renderNotice } from '../src/render';
import {
  type FakeDiscord,
  type FakeInteractionInit,
  type RecordedRequest,
  type SentInteraction,
  startFakeDiscord,
} from '../tests/helpers/fakeDiscord';
import type { BenchQuery, CorpusSpec } from './corpora';
import type { E2eBotData } from './e2eBot';
import { parseFlags } from './lib/child';
import { type Latency, latency, memoryMb, round } from './lib/stats';

export type E2eResult = {
  corpus: string;
  sentences: number;
  startMs: number;
  roundTrip: Latency;
  /** dispatch → first callback (reply or defer) */
  ack: Latency;
  autocomplete: Latency;
  /** the burst, run `--bursts` times (2 s apart) */
  bursts: BurstResult[];
  rssAfter: number;
};

export type BurstResult = {
  /** 1-minute load average of the machine when the burst started */
  load1: number;
  sent: number;
  answered: number;
  deferred: number;
  rateLimited: number;
  expired: number;
  failed: number;
  totalMs: number;
  /** answered interactions per second of the burst */
  perSecond: number;
  firstResponse: Latency;
  finalReply: Latency;
};

const flags = parseFlags(process.argv.slice(2));
const spec = JSON.parse(readFileSync(flags.get('spec') ?? '', 'utf8')) as CorpusSpec;
const roundTrips = Number(flags.get('round-trips') ?? 300);
const burstSize = Number(flags.get('burst') ?? 1000);
const burstRepeat = Number(flags.get('bursts') ?? 2);
const log = (line: string) => process.stderr.write(`e2e ${spec.name}: ${line}\n`);

// The bot's own notices: a reply that is one of these is not an answer.
const RATE_LIMITED = REPLY_LOCALES.map(
  (l) => (renderNotice('rateLimited', l, { retryAfterMs: 1_000 }).content ?? '').split(/\d/)[0] ?? '',
);
const ERROR_NOTICES = new Set(REPLY_LOCALES.map((l) => renderNotice('error', l).content ?? ''));

let nextId = 0n;
const fresh = () => (3_000_000_000_000_000_000n + ++nextId).toString();

/** A CLI query line as the interaction Discord would send for it. */
export function interactionFor(q: BenchQuery): FakeInteractionInit {
  const m = /^\/(\S+)\s*(.*)$/s.exec(q.line);
  const [command, arg] = m ? [m[1] ?? '', (m[2] ?? '').trim()] : ['ask', q.line];
  const option =
    command === 'battle' || command === 'who' ? 'name' : command === 'timeline' ? 'battle' : 'question';
  const options =
    arg && command !== 'sources' && command !== 'help' ? [{ name: option, type: 3, value: arg }] : [];
  return { name: command, options, locale: q.kind === 'traditional' ? 'zh-TW' : 'zh-CN' };
}

async function main(): Promise<E2eResult> {
  const fake: FakeDiscord = await startFakeDiscord({
    responseWindowMs: 3_000,
    interactionTimeoutMs: 120_000,
  });
  const botData: E2eBotData = { dir: spec.dir, indexDir: spec.indexDir, apiUrl: fake.apiUrl };
  const worker = new Worker(new URL('./e2eBot.mjs', import.meta.url), { workerData: botData });
  const workerError = new Promise<never>((_, reject) => worker.once('error', reject));
  try {
    const ready = await Promise.race([
      new Promise<{ sentences: number; startMs: number }>((resolve) =>
        worker.on(
          'message',
          (m: { type: string; sentences: number; startMs: number }) => m.type === 'ready' && resolve(m),
        ),
      ),
      workerError,
    ]);
    const startMs = ready.startMs;
    const source = { sentences: ready.sentences };
    log(`bot ready in ${startMs.toFixed(0)} ms on ${source.sentences} sentences`);

    const finalReply = async (sent: SentInteraction, callback: RecordedRequest): Promise<RecordedRequest> => {
      if ((callback.body as { type?: number }).type !== 5) return callback;
      return fake.waitFor(
        (r) =>
          (r.method === 'PATCH' || r.method === 'POST') &&
          r.path.startsWith(`/webhooks/${fake.applicationId}/${sent.token}`),
        60_000,
      );
    };
    const send = (init: FakeInteractionInit) =>
      fake.sendInteraction({ userId: fresh(), channelId: fresh(), ...init });

    // Round trips, one at a time.
    const searches = spec.queries.filter((q) => q.kind !== 'command');
    const mix = [...searches, ...spec.queries.filter((q) => q.kind === 'command')];
    const rt: number[] = [];
    const ack: number[] = [];
    for (let i = 0; i < roundTrips + 10; i++) {
      const q = mix[i % mix.length] as BenchQuery;
      const start = performance.now();
      const sent = send(interactionFor(q));
      const callback = await sent.done;
      const ackMs = performance.now() - start;
      await finalReply(sent, callback);
      // The first 10 warm up sockets and JIT.
      if (i >= 10) {
        rt.push(performance.now() - start);
        ack.push(ackMs);
      }
    }
    const ac: number[] = [];
    for (let i = 0; i < Math.min(roundTrips, spec.prefixes.length * 3) + 10; i++) {
      const value = spec.prefixes[i % spec.prefixes.length] ?? '';
      const start = performance.now();
      await send({ type: 4, name: 'battle', options: [{ name: 'name', type: 3, value, focused: true }] })
        .done;
      if (i >= 10) ac.push(performance.now() - start);
    }
    log(
      `round trip p50 ${latency(rt).p50} ms, p99 ${latency(rt).p99} ms; autocomplete p50 ${latency(ac).p50} ms`,
    );

    // The burst: everything dispatched at once; repeated (the machine may be shared).
    const runBurst = async (): Promise<BurstResult> => {
      const load1 = Math.round((loadavg()[0] ?? 0) * 100) / 100;
      const b0 = performance.now();
      const burst = Array.from({ length: burstSize }, (_, i) => {
        const sent = send(interactionFor(mix[i % mix.length] as BenchQuery));
        return sent.done.then(async (callback) => {
          const first = performance.now() - b0;
          const final =
            callback.status < 300 ? await finalReply(sent, callback).catch(() => undefined) : undefined;
          return { callback, final, first, last: performance.now() - b0 };
        });
      });
      const outcomes = await Promise.all(burst.map((p) => p.catch(() => undefined)));
      const totalMs = performance.now() - b0;
      let answered = 0;
      let deferred = 0;
      let rateLimited = 0;
      let expired = 0;
      let failed = 0;
      for (const o of outcomes) {
        if (!o) {
          failed++;
          continue;
        }
        if (o.callback.status === 404) {
          expired++;
          continue;
        }
        if ((o.callback.body as { type?: number }).type === 5) deferred++;
        const body = (o.final?.body ?? {}) as {
          data?: { embeds?: unknown[]; content?: string };
          embeds?: unknown[];
          content?: string;
        };
        const data = o.final?.path.endsWith('/callback') ? body.data : body;
        const content = data?.content ?? '';
        if (!o.final || o.final.status >= 300) failed++;
        else if (RATE_LIMITED.some((prefix) => content.startsWith(prefix))) rateLimited++;
        else if (ERROR_NOTICES.has(content)) failed++;
        else if (data?.embeds?.length || content) answered++;
        else failed++;
      }
      log(
        `burst of ${burstSize}: ${answered} answered in ${totalMs.toFixed(0)} ms (${deferred} deferred, ${expired} expired)`,
      );
      const ok = outcomes.filter((o): o is NonNullable<typeof o> => o !== undefined);
      return {
        load1,
        sent: burstSize,
        answered,
        deferred,
        rateLimited,
        expired,
        failed,
        totalMs: round(totalMs),
        perSecond: round((answered / totalMs) * 1000),
        firstResponse: latency(ok.map((o) => o.first)),
        finalReply: latency(ok.map((o) => o.last)),
      };
    };
    const bursts: BurstResult[] = [];
    for (let i = 0; i < burstRepeat; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 2_000));
      bursts.push(await runBurst());
    }
    return {
      corpus: spec.name,
      sentences: source.sentences,
      startMs: round(startMs),
      roundTrip: latency(rt),
      ack: latency(ack),
      autocomplete: latency(ac),
      bursts,
      rssAfter: memoryMb().rss,
    };
  } finally {
    const stopped = new Promise((resolve) =>
      worker.on('message', (m: { type: string }) => m.type === 'stopped' && resolve(m)),
    );
    worker.postMessage({ type: 'stop' });
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await worker.terminate();
    await fake.close();
  }
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
