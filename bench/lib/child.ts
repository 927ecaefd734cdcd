import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ChildResult<T> =
  | { ok: true; value: T; ms: number }
  | { ok: false; error: string; ms: number; partial?: T };

/**
 * Runs `bench/<script>` in a fresh node (tsx, --expose-gc) and returns the JSON object it prints
 * as its last stdout line. Bounded: killed (its process group) after `timeoutMs`. Stderr is
 * passed through, prefixed, so progress stays visible.
 */
export function runBenchChild<T>(
  script: string,
  args: string[],
  options: { timeoutMs: number; maxOldSpaceMb?: number; label?: string },
): Promise<ChildResult<T>> {
  const started = performance.now();
  const nodeArgs = ['--expose-gc', '--import', 'tsx'];
  if (options.maxOldSpaceMb) nodeArgs.unshift(`--max-old-space-size=${options.maxOldSpaceMb}`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...nodeArgs, fileURLToPath(new URL(`../${script}`, import.meta.url)), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      err += text;
      for (const line of text.split('\n'))
        if (line.trim()) process.stderr.write(`  [${options.label ?? script}] ${line}\n`);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const last = out.trim().split('\n').at(-1) ?? '';
      if (timedOut) {
        // A child may print what it has so far as it goes: keep the last complete line.
        let partial: T | undefined;
        try {
          partial = JSON.parse(last) as T;
        } catch {}
        return resolve({
          ok: false,
          error: `timed out after ${Math.round(options.timeoutMs / 1000)} s`,
          ms,
          partial,
        });
      }
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve({ ok: true, value: JSON.parse(last) as T, ms });
      } catch (error) {
        resolve({
          ok: false,
          error: `${(error as Error).message}: ${err.trim().split('\n').slice(-3).join(' | ').slice(0, 500)}`,
          ms,
        });
      }
    });
  });
}

/** Parses `--key value` pairs. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags.set(key ?? '', inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--'))
      flags.set(key ?? '', argv[++i] ?? '');
    else flags.set(key ?? '', 'true');
  }
  return flags;
}
