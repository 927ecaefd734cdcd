/**
 * Runs the project's entry points (the bot, npm scripts) as real child processes for the
 * end-to-end tests, collecting their JSON log lines, and kills what a failed test left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_DIR } from './corpora';

export type Json = Record<string, unknown>;

/**
 * Every variable the bot reads, set empty: a developer's `.env` cannot leak into the tests,
 * since dotenv never overrides a variable that is already set.
 */
export const BLANK_ENV = {
  DISCORD_TOKEN: '',
  DISCORD_CLIENT_ID: '',
  DISCORD_GUILD_ID: '',
  CORPUS_DIR: '',
  DISCORD_API_URL: '',
  LOG_LEVEL: '',
};

export type Running = {
  child: ChildProcess;
  output: { stdout: string; stderr: string; logs: Json[] };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(predicate: (line: Json) => boolean, timeoutMs?: number): Promise<Json>;
};

const running: Running[] = [];

/** Starts a command in the project folder, in its own process group so that cleanup reaches its children. */
export function runInProject(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...BLANK_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { stdout: '', stderr: '', logs: [] as Json[] };
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue; // npm's own banner
      try {
        output.logs.push(JSON.parse(line) as Json);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (predicate: (line: Json) => boolean, timeoutMs = 30_000) =>
    new Promise<Json>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = () => {
        const hit = output.logs.find(predicate);
        if (hit) return resolve(hit);
        if (child.exitCode !== null || Date.now() > deadline) {
          return reject(
            new Error(`no matching log line; stdout:\n${output.stdout}\nstderr:\n${output.stderr}`),
          );
        }
        setTimeout(poll, 20);
      };
      poll();
    });
  const run = { child, output, exited, waitForLog };
  running.push(run);
  return run;
}

/** Kills, whole process groups, whatever is still running (only left over when a test failed half-way). */
export function killLeftovers(): void {
  for (const { child } of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
