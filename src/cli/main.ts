/**
 * The CLI adapter: argv → the same commands the bot runs → text or JSON on stdout.
 * The only file of the CLI that touches process, stdin/stdout and the file system (through
 * `src/io`). It must not import discord.js: that alone costs ~0.4 s of cold start.
 */
import { fileURLToPath } from 'node:url';
import type { AnswerContext } from '../answer';
import { loadAnswerContext } from '../io/indexStore';
import { CorpusError } from '../io/loadCorpus';
import { progressBar } from '../io/progressBar';
import { renderText } from '../render';
import { type CliArgs, CliError, parseArgs, USAGE } from './args';
import { runQuery } from './runQuery';

/** The embedded default corpus, next to `src/`. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

/**
 * The answer context for a corpus folder: from its prebuilt index when one matches, else
 * built (with a progress bar on a terminal) and saved. Skipped-file warnings go to `warn`.
 */
export function loadContext(
  dir: string,
  warn: (line: string) => void,
  indexDir?: string | false,
): AnswerContext {
  return loadAnswerContext(dir, { warn, indexDir, onProgress: progressBar('indexing') }).ctx;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runMain(argv: readonly string[], io = defaultIo()): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`ask: ${error.message} (npm run ask -- --help shows the usage)`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  let ctx: AnswerContext;
  try {
    ctx = loadContext(args.corpus ?? (process.env.CORPUS_DIR?.trim() || DEFAULT_CORPUS_DIR), io.err);
  } catch (error) {
    if (error instanceof CorpusError) {
      io.err(`ask: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (args.format === 'jsonl') {
    for await (const line of io.lines()) io.out(JSON.stringify(runQuery(line, ctx)));
    return 0;
  }
  const answer = runQuery(args.query.join(' '), ctx);
  io.out(args.format === 'json' ? JSON.stringify(answer) : renderText(answer, args.locale));
  return 0;
}

type Io = { out: (text: string) => void; err: (text: string) => void; lines: () => AsyncIterable<string> };

function defaultIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    lines: () => stdinLines(process.stdin),
  };
}

/**
 * The lines of a stream: split on \n only, a \r before it dropped (CRLF input). Not readline,
 * which also ends a line at a lone \r: a query holding one would print two answers for one line
 * and shift every answer after it. A last line without \n still counts.
 */
export async function* stdinLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      yield pending.slice(start, end).replace(/\r$/, '');
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending) yield pending.replace(/\r$/, '');
}

/**
 * Runs the CLI as a process: prints, sets the exit code, and treats a closed stdout
 * (`npm run ask -- … | head`) as the end rather than an error. Used by `bin/ask.mjs`.
 */
export function cliEntry(argv: readonly string[]): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  runMain(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ask: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) cliEntry(process.argv.slice(2));
