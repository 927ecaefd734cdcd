/**
 * `npm run bench`: the whole benchmark, one step at a time, each bounded in time and run in a
 * fresh process where a clean number needs one. Prints a table, writes `bench/results.json`
 * and the README's `## Benchmarks` section (from results.json, see `renderReadme.ts`).
 *
 *   npm run bench [-- --skip x10,e2e,quality,cold] [--quick] [--no-readme] [--out FILE]
 *
 * Steps: per corpus (seed, seed + corpus-wiki, CMRC dev paragraphs, ×10 CMRC + DRCD) a build
 * process and a serve process (corpusBench.ts); answer quality on the full CMRC and DRCD dev
 * sets (qualityBench.ts); the bot end to end against the fake Discord (e2eBench.ts); CLI cold
 * start (coldStart.ts). `--quick` runs fewer repetitions and skips the ×10 corpus.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ColdStartResult, coldStart } from './coldStart';
import { type CorpusName, type CorpusSpec, prepareCorpora } from './corpora';
import type { BuildResult, ServeResult } from './corpusBench';
import type { E2eResult } from './e2eBench';
import { parseFlags, runBenchChild } from './lib/child';
import { loadNow, type MachineInfo, machineInfo } from './lib/machine';
import { round } from './lib/stats';
import type { QaEvalResult } from './qaEval';
import { loadQaSet } from './qaSets';
import { formatConsoleTable, updateReadme } from './renderReadme';

export type CorpusResult = {
  name: CorpusName;
  label: string;
  build?: BuildResult;
  serve?: ServeResult;
  errors: string[];
  stepSeconds: { build?: number; serve?: number };
  runs: CorpusSpec['runs'];
  queryCount: number;
};

export type Target = {
  id: string;
  label: string;
  target: string;
  measured: string;
  met: boolean | null;
  note?: string;
};

export type BenchResults = {
  machine: MachineInfo;
  command: string;
  totalSeconds: number;
  corpora: CorpusResult[];
  quality: Partial<Record<'cmrc' | 'drcd', Omit<QaEvalResult, 'records'>>>;
  e2e: E2eResult[];
  coldStart?: ColdStartResult;
  targets: Target[];
  errors: string[];
  notes: string[];
};

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  const quick = flags.has('quick');
  const skip = new Set((flags.get('skip') ?? '').split(',').filter(Boolean));
  if (quick) skip.add('x10');
  const out = flags.get('out') ?? RESULTS;
  const started = performance.now();
  const machine = machineInfo();
  const log = (line: string) =>
    process.stderr.write(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
    );
  log(
    `${machine.cpu} × ${machine.cores}, ${machine.memoryGb} GB, node ${machine.node}, load ${machine.loadStart.join(' / ')}`,
  );

  const tmp = mkdtempSync(join(tmpdir(), 'campaign-bench-'));
  const errors: string[] = [];
  const notes: string[] = [];
  const results: BenchResults = {
    machine,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    totalSeconds: 0,
    corpora: [],
    quality: {},
    e2e: [],
    targets: [],
    errors,
    notes,
  };
  try {
    const qa = { cmrc: loadQaSet('cmrc'), drcd: loadQaSet('drcd') };
    const specs = prepareCorpora(tmp, {
      x10: !skip.has('x10'),
      wiki: fileURLToPath(new URL('../../shared/corpus-wiki', import.meta.url)),
      qaNow: qa,
    });
    if (quick)
      for (const s of specs)
        s.runs = {
          build: Math.min(2, s.runs.build),
          load: Math.min(2, s.runs.load),
          query: Math.min(3, s.runs.query),
        };
    log(`corpora written to ${tmp}`);

    // 1. Per corpus: build (fresh process), then serve from the prebuilt index (fresh process).
    for (const spec of specs) {
      const specFile = join(tmp, `${spec.name}.spec.json`);
      writeFileSync(specFile, JSON.stringify(spec));
      const entry: CorpusResult = {
        name: spec.name,
        label: spec.label,
        errors: [],
        stepSeconds: {},
        runs: spec.runs,
        queryCount: spec.queries.length,
      };
      results.corpora.push(entry);
      log(`${spec.name}: build (${spec.runs.build} run${spec.runs.build > 1 ? 's' : ''})`);
      const build = await runBenchChild<BuildResult>(
        'corpusBench.ts',
        ['--phase', 'build', '--spec', specFile],
        {
          timeoutMs: spec.timeoutMs.build,
          maxOldSpaceMb: spec.maxOldSpaceMb,
          label: `${spec.name} build`,
        },
      );
      entry.stepSeconds.build = round(build.ms / 1000);
      if (!build.ok) {
        entry.errors.push(`build: ${build.error}`);
        errors.push(`${spec.name} build: ${build.error}`);
        continue;
      }
      entry.build = build.value;
      log(`${spec.name}: serve from the prebuilt index`);
      const serve = await runBenchChild<ServeResult>(
        'corpusBench.ts',
        ['--phase', 'serve', '--spec', specFile],
        {
          timeoutMs: spec.timeoutMs.serve,
          maxOldSpaceMb: spec.maxOldSpaceMb,
          label: `${spec.name} serve`,
        },
      );
      entry.stepSeconds.serve = round(serve.ms / 1000);
      if (serve.ok) entry.serve = serve.value;
      else {
        if (serve.partial) {
          entry.serve = serve.partial;
          if (!serve.partial.autocomplete)
            serve.partial.autocompleteSkipped = `not measured: the step ${serve.error} during autocomplete's first call (it builds the name candidates)`;
        }
        entry.errors.push(`serve: ${serve.error}`);
        errors.push(`${spec.name} serve: ${serve.error}`);
      }
      writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    }
    const x10 = results.corpora.find((c) => c.name === 'x10');
    if (x10)
      notes.push(
        'The ×10 corpus is built and loaded once (a build takes over a minute); its queries run three times.',
      );

    // 2. Answer quality on the full QA sets.
    if (!skip.has('quality')) {
      for (const set of ['cmrc', 'drcd'] as const) {
        log(`quality: ${set} (full set)`);
        const r = await runBenchChild<Omit<QaEvalResult, 'records'>>('qualityBench.ts', ['--set', set], {
          timeoutMs: 300_000,
          maxOldSpaceMb: 4096,
          label: `quality ${set}`,
        });
        if (r.ok) results.quality[set] = r.value;
        else errors.push(`quality ${set}: ${r.error}`);
      }
    }

    // 3. The bot end to end, against the fake Discord: the seed and the 10k corpus.
    if (!skip.has('e2e')) {
      for (const spec of specs.filter((s) => s.name === 'seed' || s.name === 'cmrc')) {
        if (!results.corpora.find((c) => c.name === spec.name)?.build) continue;
        log(`e2e: ${spec.name}`);
        const r = await runBenchChild<E2eResult>(
          'e2eBench.ts',
          [
            '--spec',
            join(tmp, `${spec.name}.spec.json`),
            '--round-trips',
            quick ? '100' : '300',
            '--burst',
            '1000',
          ],
          {
            timeoutMs: 240_000,
            maxOldSpaceMb: 4096,
            label: `e2e ${spec.name}`,
          },
        );
        if (r.ok) results.e2e.push(r.value);
        else errors.push(`e2e ${spec.name}: ${r.error}`);
      }
    }

    // 4. CLI cold start.
    if (!skip.has('cold')) {
      log('cold start: CLI processes');
      const cmrc = specs.find((s) => s.name === 'cmrc');
      try {
        results.coldStart = await coldStart({
          tmp,
          runs: quick ? 3 : 5,
          qaDir: cmrc?.dir,
          qaQuery: cmrc?.queries.find((q) => q.kind === 'question')?.line,
          log,
        });
      } catch (error) {
        errors.push(`cold start: ${(error as Error).message}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  results.machine.loadEnd = loadNow();
  results.totalSeconds = round((performance.now() - started) / 1000);
  results.targets = evaluateTargets(results);
  notes.push(
    `Load average ${results.machine.loadStart.join(' / ')} at the start and ${results.machine.loadEnd.join(' / ')} at the end (1 / 5 / 15 min) on ${results.machine.cores} cores: other work shared the machine, so latencies carry that noise.`,
  );
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${formatConsoleTable(results)}\n`);
  process.stdout.write(`\nwrote ${out} in ${results.totalSeconds} s\n`);
  if (!flags.has('no-readme') && out === RESULTS) {
    updateReadme(results);
    process.stdout.write('updated the README section ## Benchmarks\n');
  }
  if (errors.length) process.stderr.write(`errors:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  return errors.length ? 1 : 0;
}

/** The issue's targets, judged on the numbers of this run (null = not measured). */
export function evaluateTargets(r: BenchResults): Target[] {
  const c = (name: CorpusName) => r.corpora.find((x) => x.name === name);
  const cmrc = c('cmrc');
  const x10 = c('x10');
  const ms = (x: number | undefined) =>
    x === undefined ? 'not measured' : `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
  const judge = (x: number | undefined, limit: number) => (x === undefined ? null : x <= limit);
  const targets: Target[] = [];
  const q10 = cmrc?.serve?.query.p99;
  targets.push({
    id: 'query-10k',
    label: `query p99 at ~10k sentences (${cmrc?.build?.sentences ?? '?'})`,
    target: '≤ 5 ms',
    measured: ms(q10),
    met: judge(q10, 5),
  });
  const a10 = cmrc?.serve?.autocomplete?.p99;
  targets.push({
    id: 'autocomplete-10k',
    label: 'autocomplete p99 at ~10k sentences',
    target: '≤ 2 ms',
    measured: ms(a10),
    met: judge(a10, 2),
  });
  const q200 = x10?.serve?.query.p99;
  targets.push({
    id: 'query-200k',
    label: `query p99 at ~200k sentences (${x10?.build?.sentences ?? '?'})`,
    target: '≤ 30 ms',
    measured: ms(q200),
    met: judge(q200, 30),
  });
  const a200 = x10?.serve?.autocomplete?.p99;
  const a200Skipped = x10?.serve?.autocompleteSkipped;
  targets.push({
    id: 'autocomplete-200k',
    label: 'autocomplete p99 at ~200k sentences',
    target: '≤ 30 ms',
    measured: a200Skipped ?? ms(a200),
    met: a200Skipped ? false : judge(a200, 30),
  });
  // Time per query against BM25: the mean over the full QA sets' questions (what evaluateQa times).
  const ratios = (['cmrc', 'drcd'] as const)
    .map((s) => r.quality[s])
    .filter((q): q is NonNullable<typeof q> => q?.baseline !== undefined)
    .map((q) => ({
      set: q.set,
      ratio: q.meanQueryMs / (q.baseline?.meanQueryMs ?? 1),
      better: q.hit1 > (q.baseline?.hit1 ?? 1),
    }));
  const worst = ratios.length ? Math.max(...ratios.map((x) => x.ratio)) : undefined;
  targets.push({
    id: 'vs-baseline-time',
    label: 'time per question vs plain BM25 over bigrams (full CMRC / DRCD)',
    target: '< 3×',
    measured: ratios.length
      ? ratios.map((x) => `${x.set} ${x.ratio.toFixed(1)}×`).join(', ')
      : 'not measured',
    met: worst === undefined ? null : worst < 3,
  });
  targets.push({
    id: 'vs-baseline-quality',
    label: 'answer-bearing sentence first (hit@1) vs BM25',
    target: 'better on both sets',
    measured:
      (['cmrc', 'drcd'] as const)
        .map((s) => r.quality[s])
        .filter((q): q is NonNullable<typeof q> => q !== undefined)
        .map(
          (q) => `${q.set} ${(q.hit1 * 100).toFixed(1)}% vs ${((q.baseline?.hit1 ?? 0) * 100).toFixed(1)}%`,
        )
        .join(', ') || 'not measured',
    met: ratios.length === 2 ? ratios.every((x) => x.better) : null,
  });
  // Judged on what `npm run ask` runs (bin/ask.mjs) when it exists; the tsx figure is shown too.
  const cs = r.coldStart;
  const launcher = cs?.launcher && Number.isFinite(cs.launcher.seedMs) ? cs.launcher : undefined;
  const both = (shipped: number | undefined, tsx: number | undefined) =>
    launcher ? `${ms(shipped)} (bin/ask.mjs); ${ms(tsx)} through tsx` : ms(tsx);
  const seed = launcher ? launcher.seedMs : cs?.seedPrebuilt.ms;
  targets.push({
    id: 'cold-seed',
    label: 'cold start, seed CLI (prebuilt index)',
    target: '≤ 1 s',
    measured: both(launcher?.seedMs, cs?.seedPrebuilt.ms),
    met: judge(seed, 1000),
  });
  const qa = launcher ? launcher.qa10kMs : cs?.qa10k?.ms;
  targets.push({
    id: 'cold-10k',
    label: 'cold start at ~10k sentences, prebuilt index',
    target: '≤ 1.5 s',
    measured: both(launcher?.qa10kMs, cs?.qa10k?.ms),
    met: judge(qa, 1500),
  });
  const rss = cmrc?.serve?.memoryAfterLoad.rss;
  const rssServing = cmrc?.serve?.memoryAfterQueries.rss;
  targets.push({
    id: 'rss-10k',
    label: 'RSS at ~10k sentences (after load / after queries)',
    target: '≤ 200 MB',
    measured: rss === undefined ? 'not measured' : `${rss.toFixed(0)} / ${rssServing?.toFixed(0)} MB`,
    met: rss === undefined ? null : Math.max(rss, rssServing ?? 0) <= 200,
  });
  return targets;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
