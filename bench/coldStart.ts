/**
 * Cold start of the CLI, as a user sees it: process start → the answer on stdout, spawning
 * `node --import tsx src/cli/main.ts --json …` several times (median).
 *
 * - seed with its prebuilt index (the normal case) and without one (first run after a change:
 *   parse + build + save; each run gets a corpus copy with its own cache key);
 * - where the time goes: node + tsx alone, and importing the CLI's modules;
 * - a 10k-sentence corpus (CMRC): `build-index`, then CLI queries with the prebuilt index;
 * - the same through the shipped launcher `bin/ask.mjs` (`npm run ask`: a cached esbuild bundle
 *   of the CLI run by plain node), directly and through npm.
 *
 * The CLI has no flag for the index folder, so these runs use the default `.cache/index`;
 * the index files they create there are removed afterwards (by their key).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusKey, DEFAULT_INDEX_DIR } from '../src/io/indexStore';
import { ROOT } from './lib/child';
import { median, round } from './lib/stats';

export type SpawnTiming = {
  firstOutputMs: number;
  exitMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
};

export type ColdStartResult = {
  runs: number;
  nodeTsxMs: number;
  importCliMs: number;
  seedPrebuilt: { ms: number; firstOutputMs: number; all: number[]; status: string };
  seedNoPrebuilt: { ms: number; all: number[]; status: string };
  qa10k?: {
    sentences: number;
    buildIndexMs: number;
    indexBytes: number;
    ms: number;
    all: number[];
    status: string;
    query: string;
  };
  /** `node bin/ask.mjs` (what `npm run ask` runs), when the launcher exists */
  launcher?: {
    seedMs: number;
    seedAll: number[];
    seedNoPrebuiltMs: number;
    npmSeedMs: number;
    qa10kMs?: number;
    status: string;
    error?: string;
  };
};

/** Spawns node with `args` in the repo root; times the first stdout byte and the exit. */
export function timeNode(
  args: string[],
  timeoutMs = 120_000,
  command = process.execPath,
): Promise<SpawnTiming> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let firstOutputMs = Number.NaN;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (Number.isNaN(firstOutputMs)) firstOutputMs = performance.now() - t0;
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ firstOutputMs, exitMs: performance.now() - t0, code, stdout, stderr });
    });
  });
}

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function statusOf(t: SpawnTiming): string {
  try {
    return (JSON.parse(t.stdout) as { status: string }).status;
  } catch {
    return `exit ${t.code}: ${t.stderr.trim().split('\n').at(-1) ?? ''}`.slice(0, 200);
  }
}

/** The default-folder index file a corpus folder maps to (as `loadAnswerContext` computes it). */
export function defaultIndexPath(dir: string): string {
  return join(DEFAULT_INDEX_DIR, `${corpusKey(dir)}.json`);
}

export async function coldStart(options: {
  tmp: string;
  runs: number;
  qaDir?: string;
  qaQuery?: string;
  log: (line: string) => void;
}): Promise<ColdStartResult> {
  const { runs, log } = options;
  const created: string[] = [];
  try {
    const nodeTsx: number[] = [];
    const importCli: number[] = [];
    for (let i = 0; i < runs; i++) {
      nodeTsx.push((await timeNode(['--import', 'tsx', '--input-type=module', '-e', ''])).exitMs);
      importCli.push(
        (
          await timeNode([
            '--import',
            'tsx',
            '--input-type=module',
            '-e',
            "await import('./src/cli/main.ts')",
          ])
        ).exitMs,
      );
    }

    // Seed, prebuilt: make sure the default cache holds it (any CLI run saves it), then time.
    const seedDir = join(ROOT, 'corpus');
    const seedIndex = defaultIndexPath(seedDir);
    if (!existsSync(seedIndex)) {
      await timeNode([...CLI, '--json', '/battle 包头']);
      if (existsSync(seedIndex)) created.push(seedIndex);
    }
    const seedRuns: SpawnTiming[] = [];
    for (let i = 0; i < runs; i++) seedRuns.push(await timeNode([...CLI, '--json', '/battle 包头']));
    log(`seed CLI with prebuilt index: median ${median(seedRuns.map((r) => r.exitMs)).toFixed(0)} ms`);

    // Seed, no prebuilt index: a copy whose cache key differs per run (trailing newlines).
    const noIndex: SpawnTiming[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = join(options.tmp, `cold-seed-${i}`);
      cpSync(seedDir, dir, { recursive: true });
      const md = readdirSync(dir).find((f) => f.endsWith('.md')) ?? '';
      writeFileSync(join(dir, md), `${readFileSync(join(dir, md), 'utf8')}${'\n'.repeat(i + 2)}`);
      created.push(defaultIndexPath(dir));
      noIndex.push(await timeNode([...CLI, '--json', '--corpus', dir, '/battle 包头']));
    }
    log(`seed CLI without prebuilt index: median ${median(noIndex.map((r) => r.exitMs)).toFixed(0)} ms`);

    let qa10k: ColdStartResult['qa10k'];
    if (options.qaDir) {
      const indexPath = defaultIndexPath(options.qaDir);
      if (!existsSync(indexPath)) created.push(indexPath);
      const build = await timeNode(
        ['--import', 'tsx', 'src/cli/buildIndex.ts', '--corpus', options.qaDir],
        300_000,
      );
      const sentences = Number(/(\d+) sentences/.exec(build.stdout)?.[1] ?? Number.NaN);
      const query = options.qaQuery ?? '/battle 北京';
      const qaRuns: SpawnTiming[] = [];
      for (let i = 0; i < runs; i++)
        qaRuns.push(await timeNode([...CLI, '--json', '--corpus', options.qaDir, query]));
      log(
        `10k CLI with prebuilt index: median ${median(qaRuns.map((r) => r.exitMs)).toFixed(0)} ms (build-index ${build.exitMs.toFixed(0)} ms)`,
      );
      qa10k = {
        sentences,
        buildIndexMs: round(build.exitMs),
        indexBytes: existsSync(indexPath) ? statSync(indexPath).size : 0,
        ms: round(median(qaRuns.map((r) => r.exitMs))),
        all: qaRuns.map((r) => round(r.exitMs)),
        status: qaRuns[0] ? statusOf(qaRuns[0]) : 'none',
        query,
      };
    }
    const launcher = existsSync(LAUNCHER)
      ? await coldStartLauncher(
          options.tmp,
          runs,
          options.qaDir,
          options.qaQuery ?? '/battle 北京',
          created,
          log,
        ).catch((error: Error) => ({
          seedMs: Number.NaN,
          seedAll: [],
          seedNoPrebuiltMs: Number.NaN,
          npmSeedMs: Number.NaN,
          status: 'error',
          error: error.message.slice(0, 300),
        }))
      : undefined;
    return {
      launcher,
      runs,
      nodeTsxMs: round(median(nodeTsx)),
      importCliMs: round(median(importCli)),
      seedPrebuilt: {
        ms: round(median(seedRuns.map((r) => r.exitMs))),
        firstOutputMs: round(median(seedRuns.map((r) => r.firstOutputMs))),
        all: seedRuns.map((r) => round(r.exitMs)),
        status: seedRuns[0] ? statusOf(seedRuns[0]) : 'none',
      },
      seedNoPrebuilt: {
        ms: round(median(noIndex.map((r) => r.exitMs))),
        all: noIndex.map((r) => round(r.exitMs)),
        status: noIndex[0] ? statusOf(noIndex[0]) : 'none',
      },
      qa10k,
    };
  } finally {
    for (const path of created) rmSync(path, { force: true });
  }
}

const LAUNCHER = join(ROOT, 'bin', 'ask.mjs');

/**
 * The shipped launcher: `node bin/ask.mjs` keeps an esbuild bundle of the CLI in `.cache/build`
 * (rebuilt when a source is newer: the untimed first run takes that cost) and runs it with
 * plain node. Same corpus folders and default index folder as the tsx runs.
 */
async function coldStartLauncher(
  tmp: string,
  runs: number,
  qaDir: string | undefined,
  qaQuery: string,
  created: string[],
  log: (line: string) => void,
): Promise<NonNullable<ColdStartResult['launcher']>> {
  const run = (args: string[]) => timeNode([LAUNCHER, '--json', ...args]);
  // The bundle hashes its own copy of the tokenizer options, so its cache keys can differ from
  // the ones computed here: index files that appear while a launcher run builds are collected
  // for removal by listing the folder around that run.
  const listing = () => new Set(existsSync(DEFAULT_INDEX_DIR) ? readdirSync(DEFAULT_INDEX_DIR) : []);
  const building = async (args: string[]) => {
    const before = listing();
    const timing = await run(args);
    for (const f of listing())
      if (!before.has(f) && f.endsWith('.json')) created.push(join(DEFAULT_INDEX_DIR, f));
    return timing;
  };
  await building(['/battle 包头']);
  const seed: SpawnTiming[] = [];
  for (let i = 0; i < runs; i++) seed.push(await run(['/battle 包头']));
  log(`seed, node bin/ask.mjs, prebuilt index: median ${median(seed.map((r) => r.exitMs)).toFixed(0)} ms`);
  const npm: SpawnTiming[] = [];
  for (let i = 0; i < runs; i++)
    npm.push(await timeNode(['run', '--silent', 'ask', '--', '--json', '/battle 包头'], 120_000, 'npm'));
  const noIndex: SpawnTiming[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = join(tmp, `cold-launcher-seed-${i}`);
    cpSync(join(ROOT, 'corpus'), dir, { recursive: true });
    const md = readdirSync(dir).find((f) => f.endsWith('.md')) ?? '';
    writeFileSync(join(dir, md), `${readFileSync(join(dir, md), 'utf8')}${'\n'.repeat(i + 20)}`);
    noIndex.push(await building(['--corpus', dir, '/battle 包头']));
  }
  let qa10kMs: number | undefined;
  if (qaDir) {
    await building(['--corpus', qaDir, qaQuery]); // saves the index under the bundle's key if it differs
    const qa: SpawnTiming[] = [];
    for (let i = 0; i < runs; i++) qa.push(await run(['--corpus', qaDir, qaQuery]));
    qa10kMs = round(median(qa.map((r) => r.exitMs)));
    log(`10k, node bin/ask.mjs, prebuilt index: median ${qa10kMs} ms`);
  }
  return {
    seedMs: round(median(seed.map((r) => r.exitMs))),
    seedAll: seed.map((r) => round(r.exitMs)),
    seedNoPrebuiltMs: round(median(noIndex.map((r) => r.exitMs))),
    npmSeedMs: round(median(npm.map((r) => r.exitMs))),
    qa10kMs,
    status: seed[0] ? statusOf(seed[0]) : 'none',
  };
}
