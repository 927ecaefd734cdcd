/**
 * One corpus, measured in a fresh process (started by `run.ts`, which reads the JSON object
 * printed as the last stdout line):
 *
 *   --phase build  parse + buildIndex (several runs, fresh articles each time so that per-sentence
 *                  memos do not help), facts, serialize; writes the prebuilt index file exactly as
 *                  `src/io/indexStore.ts` would, so that the serve phase loads it.
 *   --phase serve  a process that only loads that prebuilt index (like the bot at start): load
 *                  time, heap/RSS after load, query latency over the mixed set, the same
 *                  queries against plain BM25 over bigrams, autocomplete latency.
 *
 *   node --expose-gc --import tsx bench/corpusBench.ts --phase build|serve --spec FILE
 */
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../commands';
import { type AnswerContext, buildAnswerContext, warmAnswerContext } from '../src/answer';
import { runQuery } from '../src/cli/runQuery';
import { loadAnswerContext, serializeContext, writePrebuiltIndex } from '../src/io/indexStore';
import { formatWarning, loadCorpus } from '../src/io/loadCorpus';
import { analyzeQuery, searchSentences } from '../src/search';
import { buildBaseline, searchBaseline } from './baselineBm25';
import type { BenchQuery, CorpusSpec, QueryKind } from './corpora';
import { parseFlags } from './lib/child';
import { gc, type Latency, latency, medianOfRuns, memoryMb, peakRssMb, round, timed } from './lib/stats';

export type BuildResult = {
  articles: number;
  sentences: number;
  /** distinct terms in the minisearch index */
  terms: number;
  parseMs: number[];
  /** buildAnswerContext (facts + index), what a start without a prebuilt index pays after parsing */
  buildMs: number[];
  /** of the last build: facts and name dictionaries before the first article; per-sentence work
   * (fold, entities, terms, pinyin); then minisearch addAll and assembling */
  buildSplitMs: { facts: number; terms: number; engineAddAll: number };
  serializeMs: number;
  stringifyMs: number;
  writeMs: number;
  indexBytes: number;
  heapAfterBuild: ReturnType<typeof memoryMb>;
  peakRssMb: number;
};

export type ServeResult = {
  /** loadAnswerContext from the prebuilt file; the first is this fresh process's */
  loadMs: number[];
  memoryAfterLoad: ReturnType<typeof memoryMb>;
  memoryAfterQueries: ReturnType<typeof memoryMb>;
  peakRssMb: number;
  /** the first autocomplete call builds the name candidates (the bot's warm-up pays for it) */
  autocompleteFirstMs?: number;
  /** why autocomplete was not measured (set by run.ts when the step timed out during it) */
  autocompleteSkipped?: string;
  names: { entities: number; articles: number };
  /** warmAnswerContext after loading, as the bot does before going online (lookup tables, JIT) */
  warmUpMs: number;
  /** the first query after the warm-up */
  firstQueryMs: number;
  /** runQuery over the mixed set (names, questions, traditional, pinyin, dates), median of runs */
  query: Latency & { runs: number };
  queryByKind: Partial<Record<QueryKind, Latency>>;
  /** /timeline, /sources, /help: not searches, reported apart */
  commands: Latency;
  /** analyzeQuery + searchSentences only (no intent ranking, no answer building) */
  search: Latency & { runs: number };
  baseline: { buildMs: number; query: Latency & { runs: number } };
  autocomplete?: Latency & { runs: number };
  autocompleteByKind?: Record<'empty' | 'cjk' | 'latin', Latency>;
  memoryAfterAutocomplete?: ReturnType<typeof memoryMb>;
  queries: number;
  prefixes: number;
  statuses: Record<string, number>;
  /** the slowest queries of the first run */
  slowest: { ms: number; kind: QueryKind; line: string }[];
};

const flags = parseFlags(process.argv.slice(2));
const spec = JSON.parse(readFileSync(flags.get('spec') ?? '', 'utf8')) as CorpusSpec;
const phase = flags.get('phase');
const log = (line: string) => process.stderr.write(`${spec.name}: ${line}\n`);

if (phase === 'build') process.stdout.write(`${JSON.stringify(build())}\n`);
else if (phase === 'serve') process.stdout.write(`${JSON.stringify(serve())}\n`);
else throw new Error('--phase build|serve');

function build(): BuildResult {
  const parseMs: number[] = [];
  const buildMs: number[] = [];
  let last: { corpus: ReturnType<typeof loadCorpus>; ctx: AnswerContext } | undefined;
  let split = { facts: 0, terms: 0, engineAddAll: 0 };
  for (let r = 0; r < spec.runs.build; r++) {
    last = undefined;
    gc();
    // Fresh article objects each run: foldSentence memoizes per sentence object.
    const [corpus, pMs] = timed(() => loadCorpus(spec.dir));
    let firstProgress = 0;
    let lastProgress = 0;
    const t0 = performance.now();
    // What `loadAnswerContext` runs when there is no prebuilt index: facts, then the index.
    const ctx = buildAnswerContext(corpus.articles, corpus.aliases, () => {
      lastProgress = performance.now();
      if (!firstProgress) firstProgress = lastProgress;
    });
    const bMs = performance.now() - t0;
    split = {
      facts: round(firstProgress - t0),
      terms: round(lastProgress - firstProgress),
      engineAddAll: round(t0 + bMs - lastProgress),
    };
    parseMs.push(round(pMs));
    buildMs.push(round(bMs));
    log(
      `build run ${r + 1}/${spec.runs.build}: parse ${pMs.toFixed(0)} ms, facts + index ${bMs.toFixed(0)} ms (${ctx.index.sentences.length} sentences)`,
    );
    last = { corpus, ctx };
  }
  if (!last) throw new Error('no build run');
  const { corpus, ctx } = last;
  const { index } = ctx;
  gc();
  const heapAfterBuild = memoryMb();
  // What the CLI and the bot save (src/io/indexStore.ts): index, packed postings and facts.
  const [, serializeMs] = timed(() => serializeContext(ctx));
  const stringifyMs = 0;
  const [{ bytes: indexBytes }, writeMs] = timed(() =>
    writePrebuiltIndex(spec.dir, spec.indexDir, ctx, corpus.warnings.map(formatWarning)),
  );
  log(
    `serialize ${serializeMs.toFixed(0)} ms, write ${writeMs.toFixed(0)} ms, ${(indexBytes / 1e6).toFixed(1)} MB`,
  );
  return {
    articles: index.articles.length,
    sentences: index.sentences.length,
    terms: index.engine.termCount,
    parseMs,
    buildMs,
    buildSplitMs: split,
    serializeMs: round(serializeMs),
    stringifyMs: round(stringifyMs),
    writeMs: round(writeMs),
    indexBytes,
    heapAfterBuild,
    peakRssMb: peakRssMb(),
  };
}

function serve(): ServeResult {
  const loadMs: number[] = [];
  const first = loadAnswerContext(spec.dir, { indexDir: spec.indexDir });
  if (first.source.from !== 'prebuilt')
    throw new Error(`expected the prebuilt index, got ${first.source.from}`);
  loadMs.push(round(first.source.ms));
  const ctx = first.ctx;
  gc();
  const memoryAfterLoad = memoryMb();
  log(
    `loaded ${first.source.sentences} sentences in ${first.source.ms.toFixed(0)} ms, RSS ${memoryAfterLoad.rss} MB`,
  );

  // The bot warms a loaded context before it goes online; so does this server.
  const warmUpMs = warmAnswerContext(ctx);
  log(`warmed up in ${warmUpMs.toFixed(0)} ms`);
  const searches = spec.queries.filter((q) => q.kind !== 'command');
  const commands = spec.queries.filter((q) => q.kind === 'command');
  const [, firstQueryMs] = timed(() => runQuery(searches[0]?.line ?? '包头', ctx));
  const statuses: Record<string, number> = {};
  const queryRuns: number[][] = [];
  const searchRuns: number[][] = [];
  const byKind = new Map<QueryKind, number[]>();
  const commandSamples: number[] = [];
  const slow: { ms: number; kind: QueryKind; line: string }[] = [];
  for (let r = 0; r < spec.runs.query; r++) {
    const run: number[] = [];
    for (const q of searches) {
      const t0 = performance.now();
      const answer = runQuery(q.line, ctx);
      const ms = performance.now() - t0;
      run.push(ms);
      if (r === 0) {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
        slow.push({ ms, kind: q.kind, line: q.line });
      }
    }
    queryRuns.push(run);
    const sRun: number[] = [];
    for (const q of searches) {
      const text = plainText(q);
      const t0 = performance.now();
      searchSentences(ctx.index, analyzeQuery(ctx.index, text));
      sRun.push(performance.now() - t0);
    }
    searchRuns.push(sRun);
    for (const q of commands) {
      const [, ms] = timed(() => runQuery(q.line, ctx));
      commandSamples.push(ms);
    }
  }
  log(
    `queries: p50 ${medianOfRuns(queryRuns).p50} ms, p99 ${medianOfRuns(queryRuns).p99} ms over ${searches.length} × ${spec.runs.query}`,
  );
  gc();
  const memoryAfterQueries = memoryMb();

  // The baseline after the memory figures, in its own function: its postings must not count in
  // the later ones either (a local here would keep them alive until serve() returns).
  const baseline = measureBaseline(ctx, searches);

  const result: ServeResult = {
    loadMs,
    memoryAfterLoad,
    memoryAfterQueries,
    peakRssMb: peakRssMb(),
    warmUpMs: round(warmUpMs),
    firstQueryMs: round(firstQueryMs, 2),
    query: medianOfRuns(queryRuns),
    queryByKind: Object.fromEntries([...byKind].map(([k, v]) => [k, latency(v)])),
    commands: latency(commandSamples),
    search: medianOfRuns(searchRuns),
    baseline,
    queries: searches.length,
    prefixes: spec.prefixes.length,
    statuses,
    slowest: slow
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8)
      .map((x) => ({ ...x, ms: round(x.ms, 2) })),
    names: { entities: ctx.index.entities.namesOf.size, articles: ctx.index.articles.length },
  };
  // Printed now, so that a run killed during autocomplete still reports its queries.
  process.stdout.write(`${JSON.stringify(result)}\n`);

  // Autocomplete. Its first call builds the name candidates (an earlier version of that build
  // was quadratic in the corpus: minutes at 200k); a step that times out here still reports
  // the queries printed above, and the parent notes that autocomplete did not finish.
  const [, autocompleteFirstMs] = timed(() => COMMANDS.battle.autocomplete?.('', ctx));
  result.autocompleteFirstMs = round(autocompleteFirstMs);
  const acRuns: number[][] = [];
  const acKind: Record<'empty' | 'cjk' | 'latin', number[]> = { empty: [], cjk: [], latin: [] };
  const acRepeat = Math.max(3, spec.runs.query);
  for (let r = 0; r < acRepeat; r++) {
    const run: number[] = [];
    for (const text of spec.prefixes) {
      const t0 = performance.now();
      COMMANDS.battle.autocomplete?.(text, ctx);
      const ms = performance.now() - t0;
      run.push(ms);
      if (r === 0) acKind[text === '' ? 'empty' : /^[a-z]+$/.test(text) ? 'latin' : 'cjk'].push(ms);
    }
    acRuns.push(run);
  }
  result.autocomplete = medianOfRuns(acRuns);
  result.autocompleteByKind = {
    empty: latency(acKind.empty),
    cjk: latency(acKind.cjk),
    latin: latency(acKind.latin),
  };
  gc();
  result.memoryAfterAutocomplete = memoryMb();
  result.peakRssMb = peakRssMb();
  // Load timings of further loads come last: each leaves freed memory the allocator keeps, which
  // would count in the memory figures above (a serving process loads its index once).
  // In helpers: a local of this function would keep a second index alive (V8 keeps the
  // interpreter's registers until the function returns).
  for (let r = 1; r < spec.runs.load; r++) result.loadMs.push(round(loadAgainMs()));
  log(
    `autocomplete: first ${autocompleteFirstMs.toFixed(0)} ms, then p50 ${result.autocomplete.p50} ms, p99 ${result.autocomplete.p99} ms`,
  );
  return result;
}

/** Plain BM25 over bigrams on the same sentences and queries: build time and query latency. */
function measureBaseline(ctx: AnswerContext, searches: readonly BenchQuery[]): ServeResult['baseline'] {
  const [bm25, buildMs] = timed(() => buildBaseline(ctx.index.sentences.map((s) => s.sentence)));
  const runs: number[][] = [];
  for (let r = 0; r < spec.runs.query; r++) {
    const run: number[] = [];
    for (const q of searches) {
      const text = plainText(q);
      const t0 = performance.now();
      searchBaseline(bm25, text, 10);
      run.push(performance.now() - t0);
    }
    runs.push(run);
  }
  return { buildMs: round(buildMs), query: medianOfRuns(runs) };
}

/** Loads the prebuilt index once more; returns only its load time. */
function loadAgainMs(): number {
  return loadAnswerContext(spec.dir, { indexDir: spec.indexDir }).source.ms;
}

/** The query text without its command (what BM25 and the raw search are given). */
function plainText(q: BenchQuery): string {
  return q.line.replace(/^\/\S+\s*/, '');
}
