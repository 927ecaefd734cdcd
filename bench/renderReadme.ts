/**
 * Renders `bench/results.json` as the README's `## Benchmarks` section (tables, the machine,
 * the targets and the Scale notes, every number from the results) and replaces that section in
 * README.md (or inserts it before `## Discord bot`). Nothing else in the README is touched.
 *
 *   node --import tsx bench/renderReadme.ts [results.json] [--print]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResults, CorpusResult } from './run';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const fmtMs = (x: number | undefined): string => {
  if (x === undefined || !Number.isFinite(x)) return '–';
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
};
const fmtMb = (bytes: number | undefined) =>
  bytes === undefined ? '–' : `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
const fmtInt = (x: number | undefined) => (x === undefined ? '–' : x.toLocaleString('en-US'));
const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !(b > 0) ? '–' : `${(a / b).toFixed(1)}×`;
const med = (xs: number[] | undefined) => {
  if (!xs?.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function acCell(s: CorpusResult['serve']): string {
  if (!s) return '–';
  if (s.autocomplete) return `${fmtMs(s.autocomplete.p50)} / ${fmtMs(s.autocomplete.p99)}`;
  return s.autocompleteSkipped ? 'did not finish' : 'not run';
}

function corpusRow(c: CorpusResult): string {
  const b = c.build;
  const s = c.serve;
  const cells = [
    c.label,
    fmtInt(b?.sentences),
    fmtInt(b?.terms),
    fmtMs(med(b?.buildMs)),
    fmtMb(b?.indexBytes),
    s ? (s.loadMs.length > 1 ? `${fmtMs(s.loadMs[0])} / ${fmtMs(med(s.loadMs))}` : fmtMs(s.loadMs[0])) : '–',
    s ? `${s.memoryAfterLoad.rss.toFixed(0)} / ${s.memoryAfterLoad.heapUsed.toFixed(0)} MB` : '–',
    s ? `${fmtMs(s.query.p50)} / ${fmtMs(s.query.p99)}` : '–',
    s ? `${fmtMs(s.baseline.query.p50)} / ${fmtMs(s.baseline.query.p99)}` : '–',
    s ? `${ratio(s.query.p50, s.baseline.query.p50)} / ${ratio(s.query.p99, s.baseline.query.p99)}` : '–',
    acCell(s),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The `## Benchmarks` section, Markdown. */
export function renderBenchmarks(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [];
  const c = (name: string) => r.corpora.find((x) => x.name === name);
  lines.push('## Benchmarks', '');
  lines.push(
    '`npm run bench` measures every corpus size the bot is meant for, writes `bench/results.json` and',
    'regenerates this section from it (`bench/renderReadme.ts`). Each corpus is built in one fresh',
    'process and served from its prebuilt index in another (so RSS is that of a process that only',
    'loaded the index, like the bot at start); figures are medians over several runs (p50/p99 = the',
    "median run's percentile). `npx tsx bench/qaEval.ts` scores answer quality alone.",
    '',
  );
  lines.push(
    `Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform};`,
    `load average ${m.loadStart.join(' / ')} at the start, ${m.loadEnd?.join(' / ') ?? '?'} at the end (other work shared the`,
    `machine: latencies carry that noise). Whole run: ${(r.totalSeconds / 60).toFixed(1)} min (\`${r.command}\`).`,
    '',
  );

  lines.push('### Per corpus', '');
  lines.push(
    '| corpus | sentences | terms | index build | index file | load prebuilt: first / median | RSS / heap after load | query p50 / p99 | BM25 p50 / p99 | ours ÷ BM25 | autocomplete p50 / p99 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const corpus of r.corpora) lines.push(corpusRow(corpus));
  lines.push('');
  const qaCorpus = c('cmrc');
  lines.push(
    `Queries: a fixed mixed set per corpus, answered by \`runQuery\` (what the CLI and the bot run):`,
    'names (`/battle`, `/who`, bare), questions, traditional-script variants, pinyin (`baotou`, `fu zuoyi`)',
    `and dates (\`12月\`, \`10月18日\`); for the QA corpora taken from the corpus itself (${qaCorpus?.queryCount ?? '?'} queries on CMRC:`,
    'real questions, their OpenCC traditional form, entry titles, their pinyin, dates in the paragraphs).',
    'BM25 = plain BM25 over character bigrams with an inverted index (`bench/baselineBm25.ts`) on the',
    "same sentences and query text. Autocomplete = `COMMANDS.battle.autocomplete` on `''`, 1–3",
    'character prefixes of names, their traditional form and pinyin prefixes. "index build" is',
    '`buildAnswerContext` (facts + index: what a start without a prebuilt index pays after parsing);',
    "its split, parsing, serializing and the prebuilt load's split are below.",
    '',
  );
  const detail = [
    '| corpus | parse | build: facts / terms / minisearch addAll | serialize | first autocomplete | `/timeline` `/sources` `/help` p50 / max | RSS after queries | peak RSS building |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const x of r.corpora) {
    const b = x.build;
    const s = x.serve;
    detail.push(
      `| ${x.label} | ${fmtMs(med(b?.parseMs))} | ${b ? `${fmtMs(b.buildSplitMs.facts)} / ${fmtMs(b.buildSplitMs.terms)} / ${fmtMs(b.buildSplitMs.engineAddAll)}` : '–'} | ${b ? fmtMs(b.serializeMs + b.stringifyMs) : '–'} | ${fmtMs(s?.autocompleteFirstMs)} | ${s ? `${fmtMs(s.commands.p50)} / ${fmtMs(s.commands.max)}` : '–'} | ${s ? `${s.memoryAfterQueries.rss.toFixed(0)} MB` : '–'} | ${b ? `${b.peakRssMb.toFixed(0)} MB` : '–'} |`,
    );
  }
  lines.push(...detail, '');
  for (const x of r.corpora)
    if (x.runs.build === 1)
      lines.push(
        `${x.label}: built and loaded once, the queries run ${x.runs.query === 1 ? 'once' : `${x.runs.query} times (medians)`}.`,
      );
  for (const x of r.corpora.filter((y) => y.name === 'cmrc' || y.name === 'x10')) {
    const slow = x.serve?.slowest?.slice(0, 4);
    if (slow?.length)
      lines.push(
        `Slowest queries, ${x.label}: ${slow.map((q) => `\`${q.line.slice(0, 24)}\` (${q.kind}) ${fmtMs(q.ms)}`).join(', ')}.`,
      );
  }
  for (const x of r.corpora)
    if (x.serve?.autocompleteSkipped) lines.push(`Autocomplete, ${x.label}: ${x.serve.autocompleteSkipped}.`);
  lines.push('');

  const sets = (['cmrc', 'drcd'] as const)
    .map((s) => r.quality[s])
    .filter((q): q is NonNullable<typeof q> => q !== undefined);
  if (sets.length) {
    lines.push('### Answer quality (full dev sets)', '');
    lines.push(
      'How often the first quoted sentence is the one that holds the gold answer (`evaluateQa`, hit@1),',
      'against BM25 over bigrams on the same sentences. Time per question is the mean over the set, the',
      'median of three passes after the scored one (both systems warm); the first, cold pass in brackets.',
      '',
      '| set | questions | sentences | hit@1 | BM25 hit@1 | hit@3 | BM25 hit@3 | not_found | ms / question (first pass) | BM25 ms / question (first pass) | ours ÷ BM25 |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const q of sets) {
      lines.push(
        `| ${q.set.toUpperCase()} | ${fmtInt(q.questions)} | ${fmtInt(q.sentences)} | ${pct(q.hit1)} | ${pct(q.baseline?.hit1)} | ${pct(q.hit3)} | ${pct(q.baseline?.hit3)} | ${pct(q.notFound)} | ${fmtMs(q.meanQueryMs)} (${fmtMs(q.firstPassMs)}) | ${fmtMs(q.baseline?.meanQueryMs)} (${fmtMs(q.baseline?.firstPassMs)}) | ${ratio(q.meanQueryMs, q.baseline?.meanQueryMs)} |`,
      );
    }
    lines.push('');
  }

  if (r.e2e.length) {
    lines.push('### End to end (real discord.js client against the fake Discord)', '');
    lines.push(
      'The bot (`startBot`, in a worker thread with its own event loop) against `tests/helpers/fakeDiscord.ts`',
      'on 127.0.0.1. Round trip = gateway dispatch → the reply the user sees (for a deferred reply, the',
      "edit), one interaction at a time over the corpus's query set. Burst = 1,000 interactions dispatched",
      "at once from 1,000 users in 1,000 channels, with Discord's 3 s response window enforced by the fake",
      '(a late callback gets 10062).',
      '',
      '| corpus | round trip p50 / p99 | autocomplete p50 / p99 | burst (load avg) | answered | total time | answers / s | deferred | expired (10062) | final reply p50 / p99 |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const e of r.e2e) {
      const label = r.corpora.find((x) => x.name === e.corpus)?.label ?? e.corpus;
      e.bursts.forEach((b, i) => {
        const head =
          i === 0
            ? `| ${label} | ${fmtMs(e.roundTrip.p50)} / ${fmtMs(e.roundTrip.p99)} | ${fmtMs(e.autocomplete.p50)} / ${fmtMs(e.autocomplete.p99)}`
            : '| | |';
        lines.push(
          `${head} | ${i + 1} (${b.load1 ?? '?'}) | ${b.answered} / ${b.sent} | ${fmtMs(b.totalMs)} | ${b.perSecond.toFixed(0)} | ${b.deferred} | ${b.expired} | ${fmtMs(b.finalReply.p50)} / ${fmtMs(b.finalReply.p99)} |`,
        );
      });
    }
    lines.push('');
  }

  const cs = r.coldStart;
  if (cs) {
    const l = cs.launcher;
    lines.push('### Cold start (CLI: process start → answer printed)', '');
    lines.push(
      `Median of ${cs.runs} spawns each. \`npm run ask\` runs \`bin/ask.mjs\`, which keeps an esbuild bundle of the`,
      'CLI in `.cache/build/` (rebuilt when a source file is newer; the untimed first run pays that)',
      'and runs it with plain `node`; the tsx column is `node --import tsx src/cli/main.ts`, the same CLI',
      'through the TypeScript loader.',
      '',
    );
    lines.push('| case | tsx | `node bin/ask.mjs` |', '|---|--:|--:|');
    lines.push(`| node and the loader doing nothing | ${fmtMs(cs.nodeTsxMs)} | |`);
    lines.push(`| … importing the CLI's modules (no corpus) | ${fmtMs(cs.importCliMs)} | |`);
    lines.push(
      `| seed, \`/battle 包头\`, prebuilt index | ${fmtMs(cs.seedPrebuilt.ms)} | ${fmtMs(l?.seedMs)} |`,
    );
    if (l) lines.push(`| … the same through \`npm run --silent ask\` | | ${fmtMs(l.npmSeedMs)} |`);
    lines.push(
      `| seed, no prebuilt index (parse, build, save) | ${fmtMs(cs.seedNoPrebuilt.ms)} | ${fmtMs(l?.seedNoPrebuiltMs)} |`,
    );
    if (cs.qa10k) {
      lines.push(
        `| CMRC, ${fmtInt(cs.qa10k.sentences)} sentences: \`npm run build-index\` | ${fmtMs(cs.qa10k.buildIndexMs)} | |`,
      );
      lines.push(
        `| CMRC, a question, prebuilt index (${fmtMb(cs.qa10k.indexBytes)}) | ${fmtMs(cs.qa10k.ms)} | ${fmtMs(l?.qa10kMs)} |`,
      );
    }
    if (l?.error) lines.push('', `The launcher runs failed: ${l.error}`);
    lines.push('');
  }

  if (r.targets.length) {
    lines.push('### Targets', '', '| target | goal | measured | met |', '|---|---|---|---|');
    for (const t of r.targets)
      lines.push(
        `| ${t.label} | ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`,
      );
    lines.push('');
  }

  lines.push(...renderScale(r));
  if (r.errors.length) lines.push('', 'Steps that failed in this run:', '', ...r.errors.map((e) => `- ${e}`));
  return `${alignTables(lines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/**
 * Pads every Markdown table's cells to its columns' widths (CJK characters count two), so that
 * the README reads as a table in a terminal too; the separator row keeps its alignment colons.
 */
export function alignTables(markdown: string): string {
  const width = (text: string) =>
    Array.from(text).reduce(
      (w, ch) =>
        w +
        (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
          ch,
        )
          ? 2
          : 1),
      0,
    );
  const cellsOf = (line: string) =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]?.startsWith('|')) {
      out.push(lines[i++] ?? '');
      continue;
    }
    const block: string[][] = [];
    while (i < lines.length && lines[i]?.startsWith('|')) block.push(cellsOf(lines[i++] ?? ''));
    const isSeparator = (row: string[]) => row.every((c) => /^:?-+:?$/.test(c));
    const columns = Math.max(...block.map((row) => row.length));
    const widths = Array.from({ length: columns }, (_, k) =>
      Math.max(3, ...block.filter((row) => !isSeparator(row)).map((row) => width(row[k] ?? ''))),
    );
    for (const row of block) {
      const cells = widths.map((w, k) => {
        const cell = row[k] ?? '';
        if (isSeparator(row))
          return `${cell.startsWith(':') ? ':' : '-'}${'-'.repeat(w - 2)}${cell.endsWith(':') ? ':' : '-'}`;
        const pad = ' '.repeat(w - width(cell));
        return cell.length > 0 && isSeparator([block[1]?.[k] ?? '-']) && (block[1]?.[k] ?? '').endsWith(':')
          ? pad + cell
          : cell + pad;
      });
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  return out.join('\n');
}

/** The Scale subsection: shards, machines, and when the in-process index stops fitting. */
function renderScale(r: BenchResults): string[] {
  const c = (name: string) => r.corpora.find((x) => x.name === name);
  const servingRss = (name: string) => {
    const s = c(name)?.serve;
    if (!s) return undefined;
    return Math.max(s.memoryAfterLoad.rss, s.memoryAfterQueries.rss, s.memoryAfterAutocomplete?.rss ?? 0);
  };
  const rows = [
    { label: 'seed', name: 'seed' },
    { label: `${fmtInt(c('cmrc')?.build?.sentences)} sentences (CMRC)`, name: 'cmrc' },
    { label: `${fmtInt(c('x10')?.build?.sentences)} sentences (×10)`, name: 'x10' },
  ].map((row) => ({ ...row, rss: servingRss(row.name) }));
  const memGb = r.machine.memoryGb;
  const budgetMb = memGb * 1024 * 0.75;
  const mb = (x: number | undefined) => (x === undefined ? '?' : `${x.toFixed(0)} MB`);
  const shards = (x: number | undefined) => (x ? Math.floor(budgetMb / x) : undefined);
  const bestRate = (name: string) => {
    const e = r.e2e.find((x) => x.corpus === name);
    return e ? Math.max(...e.bursts.map((b) => b.perSecond)) : undefined;
  };
  const seedRss = rows[0]?.rss;
  const qaRss = rows[1]?.rss;
  const indexShare = seedRss !== undefined && qaRss !== undefined ? qaRss - seedRss : undefined;
  const lines = ['### Scale', ''];
  lines.push(
    '**Past one process.** One process (`npm start`) serves up to 2,500 guilds, where Discord starts',
    'requiring shards; it recommends about one shard per 1,000 guilds (`shards` of `GET /gateway/bot`).',
    "`npm run start:sharded` is discord.js's `ShardingManager`: one process per shard, each loading its own",
    `copy of the index, so memory is shards × RSS. Measured RSS of such a process (the largest of after`,
    `load / after queries / after autocomplete), and what 75% of this ${memGb} GB machine then holds:`,
    '',
    '| corpus | RSS per shard process | shards per machine | ≈ guilds per machine |',
    '|---|--:|--:|--:|',
  );
  for (const row of rows) {
    const n = shards(row.rss);
    lines.push(
      `| ${row.label} | ${mb(row.rss)} | ${n ?? '?'} | ${n === undefined ? '?' : fmtInt(n * 1000)} |`,
    );
  }
  lines.push(
    '',
    `One process answered up to ${bestRate('seed')?.toFixed(0) ?? '?'} (seed) and ${bestRate('cmrc')?.toFixed(0) ?? '?'} (CMRC) interactions/s in the bursts above, most`,
    'of the CPU going to discord.js REST / undici rather than to search. A Q&A bot should see well under one',
    'interaction per second per 1,000 guilds, so memory, not CPU, says when a second machine is needed:',
    'past the guild counts in the table. Before that point, put several shards in one process with',
    '[`discord-hybrid-sharding`](https://www.npmjs.com/package/discord-hybrid-sharding) (maintained; its',
    '`ClusterManager` with `shardsPerClusters` replaces `ShardingManager` almost line for line): one index',
    `per cluster instead of per shard — the index is ${indexShare === undefined ? '?' : `${indexShare.toFixed(0)} MB`} of the 10k process (its RSS minus the`,
    "seed's), so 4 shards per cluster hold 4× the guilds in the same memory. To spread shards over",
    'machines, use its companion `discord-cross-hosting`, or run `ShardingManager` on each machine with a',
    'fixed `shardList` out of the same `totalShards`. A separate gateway service (twilight-gateway,',
    'spectacles) only pays off far beyond this.',
    '',
  );
  const qb = c('cmrc')?.build;
  const qs = c('cmrc')?.serve;
  const xb = c('x10')?.build;
  const xs = c('x10')?.serve;
  const load10k = qs?.loadMs[0];
  // Where a 1.5 s load and a 200 MB process are reached: on the line through the 10k and ×10
  // measurements when both exist (memory has a fixed part: Node, discord.js, the code), else
  // scaled from the 10k figures alone.
  const reach = (
    limit: number,
    at10k: number | undefined,
    atX10: number | undefined,
    fallbackPerSentence?: number,
  ) => {
    const n10k = qb?.sentences;
    const nX10 = xb?.sentences;
    if (at10k !== undefined && atX10 !== undefined && n10k && nX10 && atX10 > at10k) {
      const slope = (atX10 - at10k) / (nX10 - n10k);
      return Math.round((n10k + (limit - at10k) / slope) / 1000) * 1000;
    }
    return fallbackPerSentence ? Math.round(limit / fallbackPerSentence / 1000) * 1000 : undefined;
  };
  const perSentenceLoad = load10k && qb ? load10k / qb.sentences : undefined;
  const perSentenceRss = indexShare !== undefined && qb ? indexShare / qb.sentences : undefined;
  const fitsLoad = reach(1500, load10k, xs?.loadMs[0], perSentenceLoad);
  const fitsRss =
    rows[2]?.rss !== undefined
      ? reach(200, qaRss, rows[2]?.rss)
      : perSentenceRss && seedRss !== undefined
        ? Math.round((200 - seedRss) / perSentenceRss / 1000) * 1000
        : undefined;
  lines.push(
    '**Past the in-process index.** Every shard process holds its own index (minisearch when built,',
    'its postings packed in typed arrays when loaded from the prebuilt file: `src/search/compactIndex.ts`).',
    `At ${fmtInt(qb?.sentences)} sentences: build ${fmtMs(med(qb?.buildMs))}, file ${fmtMb(qb?.indexBytes)}, first load ${fmtMs(load10k)}, RSS ${mb(qaRss)};`,
    `at ${fmtInt(xb?.sentences)}: build ${fmtMs(med(xb?.buildMs))} (${fmtMs(xb?.buildSplitMs.engineAddAll)} of it in minisearch's \`addAll\`, peak RSS ${mb(xb?.peakRssMb)}),`,
    `file ${fmtMb(xb?.indexBytes)}, load ${fmtMs(xs?.loadMs[0])}, RSS ${mb(rows[2]?.rss)} per process, query p50 / p99 ${fmtMs(xs?.query.p50)} / ${fmtMs(xs?.query.p99)}.`,
    'Load time and memory grow with the corpus and are paid again by every shard process and every',
    `restart. On the line through the 10k and ×10 figures, a prebuilt load fits a 1.5 s start-up up to about`,
    `${fitsLoad === undefined ? '?' : fmtInt(fitsLoad)} sentences and a 200 MB process up to about ${fitsRss === undefined ? '?' : fmtInt(fitsRss)}: the in-process index is the right`,
    'choice for the campaign corpora (seed, seed + corpus-wiki) and for QA-sized corpora of ~10k sentences,',
    'and a costly one at 200k (every shard and every restart pays the load and the memory above). Past that, keep our analysis (fold →',
    'bigrams + characters + date compounds + entity ids + pinyin, computed in TypeScript) and move the',
    'postings out of the process: SQLite FTS5 in one file shared by all shard processes of a machine (our',
    "terms written pre-tokenized and space-separated, so FTS5's `unicode61` tokenizer only splits on",
    'spaces; `bm25()` with column weights; pages shared through the OS cache; opening takes',
    'milliseconds), or, once several machines answer, one shared search service (Meilisearch or',
    'Elasticsearch fed the same pre-computed terms), with our coverage and intent re-ranking applied to',
    'its top 50.',
  );
  return lines;
}

/** A compact plain-text summary for the terminal. */
export function formatConsoleTable(r: BenchResults): string {
  const rows = [
    [
      'corpus',
      'sentences',
      'build',
      'file',
      'load',
      'RSS',
      'query p50/p99',
      'BM25 p50/p99',
      'autocomplete p50/p99',
    ],
  ];
  for (const x of r.corpora) {
    const b = x.build;
    const s = x.serve;
    rows.push([
      x.name,
      fmtInt(b?.sentences),
      fmtMs(med(b?.buildMs)),
      fmtMb(b?.indexBytes),
      fmtMs(med(s?.loadMs)),
      s ? `${s.memoryAfterLoad.rss.toFixed(0)} MB` : '–',
      s ? `${fmtMs(s.query.p50)} / ${fmtMs(s.query.p99)}` : '–',
      s ? `${fmtMs(s.baseline.query.p50)} / ${fmtMs(s.baseline.query.p99)}` : '–',
      acCell(s),
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  const out = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  for (const q of [r.quality.cmrc, r.quality.drcd]) {
    if (q)
      out.push(
        `quality ${q.set}: hit@1 ${pct(q.hit1)} vs BM25 ${pct(q.baseline?.hit1)}; ${fmtMs(q.meanQueryMs)} vs ${fmtMs(q.baseline?.meanQueryMs)} per question`,
      );
  }
  for (const e of r.e2e) {
    const bursts = e.bursts
      .map(
        (b) =>
          `${b.answered}/${b.sent} answered in ${fmtMs(b.totalMs)} (${b.deferred} deferred, ${b.expired} expired)`,
      )
      .join('; ');
    out.push(
      `e2e ${e.corpus}: round trip ${fmtMs(e.roundTrip.p50)} / ${fmtMs(e.roundTrip.p99)}; bursts: ${bursts}`,
    );
  }
  const cs = r.coldStart;
  if (cs)
    out.push(
      `cold start (tsx): seed ${fmtMs(cs.seedPrebuilt.ms)} (no index ${fmtMs(cs.seedNoPrebuilt.ms)}), 10k prebuilt ${fmtMs(cs.qa10k?.ms)}; node+tsx ${fmtMs(cs.nodeTsxMs)}; bin/ask.mjs: seed ${fmtMs(cs.launcher?.seedMs)}, npm run ask ${fmtMs(cs.launcher?.npmSeedMs)}, 10k ${fmtMs(cs.launcher?.qa10kMs)}`,
    );
  out.push('', 'targets:');
  for (const t of r.targets)
    out.push(
      `  ${t.met === null ? '?  ' : t.met ? 'ok ' : 'MISS'} ${t.label}: ${t.measured} (goal ${t.target})`,
    );
  return out.join('\n');
}

/** Replaces the README's `## Benchmarks` section (up to the next `## `), or inserts it before `## Discord bot`. */
export function updateReadme(results: BenchResults, path = README): void {
  const readme = readFileSync(path, 'utf8');
  const section = renderBenchmarks(results);
  const start = readme.search(/^## Benchmarks[ \t]*$/m);
  let next: string;
  if (start >= 0) {
    const rest = readme.slice(start + 1);
    const end = rest.search(/^## /m);
    next = `${readme.slice(0, start)}${section}\n${end >= 0 ? rest.slice(end) : ''}`;
  } else {
    const at = readme.search(/^## Discord bot[ \t]*$/m);
    next =
      at >= 0 ? `${readme.slice(0, at)}${section}\n${readme.slice(at)}` : `${readme.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? RESULTS;
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  if (args.includes('--print')) process.stdout.write(renderBenchmarks(results));
  else {
    updateReadme(results);
    process.stdout.write(`README ## Benchmarks updated from ${file}\n`);
  }
}
