import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MAX_CORPUS_FILE_BYTES } from '../constants';
import { fileURLToPath } from 'node:url';
import { type AnswerContext, buildAnswerContext, contextForIndex } from '../answer';
import {
  INDEX_FORMAT_VERSION,
  INDEX_OPTIONS,
  IndexFormatError,
  loadIndex,
  type SavedIndex,
  serializeIndex,
  TOKENIZER_VERSION,
} from '../search';
import { CorpusError, formatWarning, listCorpusFiles, loadCorpus } from './loadCorpus';

/** Where prebuilt indexes live unless told otherwise (git-ignored). */
export const DEFAULT_INDEX_DIR = fileURLToPath(new URL('../../.cache/index', import.meta.url));

/** Header written before the index, so a stale file is recognised without parsing it all. */
type IndexFileHeader = { key: string; format: number; tokenizer: number; sentences: number; builtAt: string; warnings: string[] };

/** How a context was obtained, for logs and benchmarks. */
export type ContextSource = { from: 'prebuilt' | 'built'; key: string; path?: string; ms: number; sentences: number };

export type LoadContextOptions = {
  /** folder of prebuilt indexes; `false` never reads or writes one */
  indexDir?: string | false;
  warn?: (line: string) => void;
  /** called while building, e.g. to draw a progress bar */
  onProgress?: (done: number, total: number) => void;
};

/**
 * The cache key of a corpus: a hash of every corpus file's path and bytes, the alias file,
 * the tokenizer version, the saved-index format and the minisearch fields. Any change to any
 * of them means a rebuild.
 */
export function indexKey(raw: Map<string, Buffer>): string {
  const hash = createHash('sha256');
  hash.update(`format ${INDEX_FORMAT_VERSION} tokenizer ${TOKENIZER_VERSION}\n`);
  // The fields, not the tokenizer functions' source text: that text differs between the tsx
  // run and the esbuild bundle of the CLI, which made them never share an index. Tokenizer
  // changes bump TOKENIZER_VERSION instead.
  hash.update(JSON.stringify(INDEX_OPTIONS.fields));
  for (const [path, bytes] of [...raw].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\n${path}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Loads the answer context for a corpus folder: from a matching prebuilt index when there is
 * one, else by building it (and saving it for next time, atomically: temp file + rename, so a
 * crash mid-write never leaves a broken index). A stale or corrupt index file is rebuilt,
 * never trusted.
 */
export function loadAnswerContext(dir: string, options: LoadContextOptions = {}): { ctx: AnswerContext; source: ContextSource } {
  const started = performance.now();
  const warn = options.warn ?? (() => {});
  // Key from the raw bytes, before any parsing: a matching prebuilt index skips parsing too.
  const raw = new Map<string, Buffer>();
  for (const file of listCorpusFiles(dir)) {
    try {
      if (statSync(file).size <= MAX_CORPUS_FILE_BYTES) raw.set(relative(dir, file), readFileSync(file));
      else raw.set(relative(dir, file), Buffer.from(`oversized ${statSync(file).size}`));
    } catch {
      raw.set(relative(dir, file), Buffer.from('unreadable'));
    }
  }
  const key = indexKey(raw);
  const indexDir = options.indexDir === undefined ? DEFAULT_INDEX_DIR : options.indexDir;
  const path = indexDir ? join(indexDir, `${key}.json`) : undefined;

  if (path) {
    const prebuilt = readSavedIndex(path, key, warn);
    if (prebuilt) {
      for (const line of prebuilt.header.warnings) warn(line);
      try {
        const ctx = contextForIndex(loadIndex(prebuilt.saved));
        return { ctx, source: { from: 'prebuilt', key, path, ms: performance.now() - started, sentences: ctx.index.sentences.length } };
      } catch (error) {
        warn(`index: ${path} does not match this version (${(error as Error).message}); rebuilding`);
      }
    }
  }
  let corpus: ReturnType<typeof loadCorpus>;
  try {
    corpus = loadCorpus(dir);
  } catch (error) {
    // A corpus with nothing to serve: say which files were skipped and why before failing.
    if (error instanceof CorpusError) for (const w of error.warnings) warn(formatWarning(w));
    throw error;
  }
  const warnings = corpus.warnings.map(formatWarning);
  for (const line of warnings) warn(line);
  const ctx = buildAnswerContext(corpus.articles, corpus.aliases, options.onProgress);
  if (path && indexDir) writeSavedIndex(indexDir, path, key, serializeIndex(ctx.index), warnings, warn);
  return { ctx, source: { from: 'built', key, path, ms: performance.now() - started, sentences: ctx.index.sentences.length } };
}

// --- internal ---

function readSavedIndex(path: string, key: string, warn: (line: string) => void): { header: IndexFileHeader; saved: SavedIndex } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined; // no prebuilt index yet
  }
  const newline = text.indexOf('\n');
  try {
    const header = JSON.parse(text.slice(0, newline)) as IndexFileHeader;
    if (header.key !== key || header.format !== INDEX_FORMAT_VERSION || header.tokenizer !== TOKENIZER_VERSION) return undefined;
    return { header: { ...header, warnings: header.warnings ?? [] }, saved: JSON.parse(text.slice(newline + 1)) as SavedIndex };
  } catch (error) {
    warn(`index: ${path} is unreadable (${(error as Error).message}); rebuilding`);
    return undefined;
  }
}

function writeSavedIndex(dir: string, path: string, key: string, saved: SavedIndex, warnings: string[], warn: (line: string) => void): void {
  const header: IndexFileHeader = {
    warnings,
    key,
    format: INDEX_FORMAT_VERSION,
    tokenizer: TOKENIZER_VERSION,
    sentences: saved.sentences.length,
    builtAt: new Date().toISOString(),
  };
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, `${JSON.stringify(header)}\n${JSON.stringify(saved)}`);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    warn(`index: could not save the prebuilt index to ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}); answering without it`);
  }
}

export { IndexFormatError };
