/**
 * Cold start of the CLI, as a user sees it: process start → the answer on stdout, spawning
 * `node --import tsx src/cli/main.ts --json …` several times (median).
 *
 * - seed with its prebuilt index (the normal case) and without one (first run after a change:
 *   parse + build + save; each run gets a corpus copy with its own cache key);
 * - where the time goes: node + tsx alone, and importing the CLI's modules;
 * - a 10k-sentence corpus (CMRC): `build-index`, then CLI queries with the prebuilt index.
 *
 * The CLI has no flag for the index folder, so these runs use the default `.cache/index`;
 * the index files they create there are removed afterwards (by their key).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MAX_CORPUS_FILE_BYTES } from '../src/constants';
import { DEFAULT_INDEX_DIR, indexKey } from '../src/io/indexStore';
import { listCorpusFiles } from '../src/io/loadCorpus';
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
  /** the same CLI bundled by esbuild into one .mjs run by plain node (what a build step would give) */
  bundled?: { seedMs: number; seedAll: number[]; qa10kMs?: number; status: string; error?: string };
};

/** Spawns node with `args` in the repo root; times the first stdout byte and the exit. */
export function timeNode(args: string[], timeoutMs = 120_000): Promise<SpawnTiming> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
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
  const raw = new Map<string, Buffer>();
  for (const file of listCorpusFiles(dir)) {
    const size = statSync(file).size;
    raw.set(
      relative(dir, file),
      size <= MAX_CORPUS_FILE_BYTES ? readFileSync(file) : Buffer.from(`oversized ${size}`),
    );
  }
  return join(DEFAULT_INDEX_DIR, `${indexKey(raw)}.json`);
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
    const bundled = await coldStartBundled(
      options.tmp,
      runs,
      options.qaDir,
      options.qaQuery ?? '/battle 北京',
      log,
    ).catch((error: Error) => ({
      seedMs: Number.NaN,
      seedAll: [],
      status: 'error',
      error: error.message.slice(0, 300),
    }));
    return {
      bundled,
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

/**
 * The CLI bundled by esbuild (a dependency of tsx) into `<tmp>/bundle/a/b/main.mjs`, so that its
 * `../../corpus` and `../../.cache/index` resolve inside the temp folder: the seed corpus is
 * copied there, the first run builds and saves the index, the timed runs load it.
 */
async function coldStartBundled(
  tmp: string,
  runs: number,
  qaDir: string | undefined,
  qaQuery: string,
  log: (line: string) => void,
): Promise<NonNullable<ColdStartResult['bundled']>> {
  const root = join(tmp, 'bundle');
  const out = join(root, 'a', 'b', 'main.mjs');
  cpSync(join(ROOT, 'corpus'), join(root, 'corpus'), { recursive: true });
  const esbuild = join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild');
  const built = await timeNode([
    esbuild,
    join(ROOT, 'src', 'cli', 'main.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    `--outfile=${out}`,
    '--log-level=error',
    "--banner:js=import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
  ]);
  if (built.code !== 0) throw new Error(`esbuild: ${built.stderr.trim().slice(0, 200)}`);
  const env = { NODE_PATH: join(ROOT, 'node_modules') };
  const run = (args: string[]) => timeNodeEnv([out, '--json', ...args], env);
  await run(['/battle 包头']); // builds and saves the index under <tmp>/bundle/.cache
  const seed: SpawnTiming[] = [];
  for (let i = 0; i < runs; i++) seed.push(await run(['/battle 包头']));
  log(`seed CLI bundled, prebuilt index: median ${median(seed.map((r) => r.exitMs)).toFixed(0)} ms`);
  let qa10kMs: number | undefined;
  if (qaDir) {
    await run(['--corpus', qaDir, qaQuery]); // builds its index under <tmp>/bundle/.cache
    const qa: SpawnTiming[] = [];
    for (let i = 0; i < runs; i++) qa.push(await run(['--corpus', qaDir, qaQuery]));
    qa10kMs = round(median(qa.map((r) => r.exitMs)));
    log(`10k CLI bundled, prebuilt index: median ${qa10kMs} ms`);
  }
  return {
    seedMs: round(median(seed.map((r) => r.exitMs))),
    seedAll: seed.map((r) => round(r.exitMs)),
    qa10kMs,
    status: seed[0] ? statusOf(seed[0]) : 'none',
  };
}

function timeNodeEnv(args: string[], env: Record<string, string>): Promise<SpawnTiming> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return timeNode(args);
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}
