import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AnswerContext, buildAnswerContext, contextForIndex } from '../answer';
import { MAX_CORPUS_FILE_BYTES } from '../constants';
import { restoreFacts, type SavedFacts, serializeFacts } from '../facts/serializeFacts';
import {
  INDEX_FORMAT_VERSION,
  INDEX_OPTIONS,
  IndexFormatError,
  loadIndex,
  type SavedIndex,
  serializeIndex,
  TOKENIZER_VERSION,
} from '../search';
import { PACKED_FIELDS, type PackedArray } from '../search/compactIndex';
import { CorpusError, formatWarning, listCorpusFiles, loadCorpus } from './loadCorpus';

/** Where prebuilt indexes live unless told otherwise (git-ignored). */
export const DEFAULT_INDEX_DIR = fileURLToPath(new URL('../../.cache/index', import.meta.url));

/**
 * What a prebuilt index file holds after its header line: the search index and the facts
 * extracted from the corpus (optional: without them, loading extracts them again).
 */
export type SavedContext = SavedIndex & { facts?: SavedFacts };

/** Header written before the index, so a stale file is recognised without parsing it all. */
type IndexFileHeader = {
  key: string;
  format: number;
  tokenizer: number;
  sentences: number;
  builtAt: string;
  warnings: string[];
};

/** How a context was obtained, for logs and benchmarks. */
export type ContextSource = {
  from: 'prebuilt' | 'built';
  key: string;
  path?: string;
  ms: number;
  sentences: number;
};

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
  return hashCorpus([...raw.keys()], (path) => raw.get(path) as Buffer);
}

/**
 * {@link indexKey} of a corpus folder, reading one file at a time (the folder's bytes are
 * never all in memory at once).
 */
export function corpusKey(dir: string): string {
  const files = new Map(listCorpusFiles(dir).map((file) => [relative(dir, file), file]));
  return hashCorpus([...files.keys()], (path) => readCorpusFile(files.get(path) as string));
}

/**
 * Loads the answer context for a corpus folder: from a matching prebuilt index when there is
 * one, else by building it (and saving it for next time, atomically: temp file + rename, so a
 * crash mid-write never leaves a broken index). A stale or corrupt index file is rebuilt,
 * never trusted.
 */
export function loadAnswerContext(
  dir: string,
  options: LoadContextOptions = {},
): { ctx: AnswerContext; source: ContextSource } {
  const started = performance.now();
  const warn = options.warn ?? (() => {});
  // Key from the raw bytes, before any parsing: a matching prebuilt index skips parsing too.
  const key = corpusKey(dir);
  const indexDir = options.indexDir === undefined ? DEFAULT_INDEX_DIR : options.indexDir;
  const path = indexDir ? join(indexDir, `${key}.json`) : undefined;

  if (path) {
    const prebuilt = readSavedIndex(path, key, warn);
    if (prebuilt) {
      for (const line of prebuilt.header.warnings) warn(line);
      try {
        const ctx = contextFromSaved(prebuilt.saved);
        return {
          ctx,
          source: {
            from: 'prebuilt',
            key,
            path,
            ms: performance.now() - started,
            sentences: ctx.index.sentences.length,
          },
        };
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
  if (path && indexDir) {
    let saved: SavedContext | undefined;
    try {
      saved = serializeContext(ctx);
    } catch (error) {
      warn(`index: could not serialize the index (${(error as Error).message}); answering without saving it`);
    }
    if (saved) writeSavedIndex(indexDir, path, key, saved, warnings, warn);
  }
  return {
    ctx,
    source: {
      from: 'built',
      key,
      path,
      ms: performance.now() - started,
      sentences: ctx.index.sentences.length,
    },
  };
}

/** The JSON-ready form of a context, as a prebuilt index file holds it after its header. */
export function serializeContext(ctx: AnswerContext): SavedContext {
  const { byId } = ctx.index;
  return { ...serializeIndex(ctx.index), facts: serializeFacts(ctx.facts, (id) => byId.get(id)) };
}

/**
 * The context a saved one describes: the index restored and the saved facts (validated), or
 * the facts extracted again when the file has none. Takes `saved` over (see `loadIndex`).
 *
 * @throws Error when the saved parts do not fit this version or each other
 */
export function contextFromSaved(saved: SavedContext): AnswerContext {
  const index = loadIndex(saved);
  const facts =
    saved.facts && restoreFacts(saved.facts, index.articles, (ref) => index.sentences[ref]?.sentence.id);
  return contextForIndex(index, facts);
}

/**
 * Writes `<indexDir>/<key>.json` for a corpus folder's context, as `loadAnswerContext` would
 * after building it (header line, then the saved context; temp file + rename). For tools that
 * build a context themselves, e.g. the benchmarks. Returns the path and its size in bytes.
 */
export function writePrebuiltIndex(
  dir: string,
  indexDir: string,
  ctx: AnswerContext,
  warnings: string[] = [],
): { path: string; bytes: number } {
  const key = corpusKey(dir);
  const path = join(indexDir, `${key}.json`);
  let failure: string | undefined;
  writeSavedIndex(indexDir, path, key, serializeContext(ctx), warnings, (line) => {
    failure = line;
  });
  if (failure) throw new Error(failure);
  return { path, bytes: statSync(path).size };
}

// --- internal ---

function hashCorpus(paths: string[], bytesOf: (path: string) => Buffer): string {
  const hash = createHash('sha256');
  hash.update(`format ${INDEX_FORMAT_VERSION} tokenizer ${TOKENIZER_VERSION}\n`);
  // The fields, not the tokenizer functions' source text: that text differs between the tsx
  // run and the esbuild bundle of the CLI, which made them never share an index. Tokenizer
  // changes bump TOKENIZER_VERSION instead.
  hash.update(JSON.stringify(INDEX_OPTIONS.fields));
  for (const path of paths.sort((a, b) => a.localeCompare(b))) {
    hash.update(`\n${path}\n`);
    hash.update(bytesOf(path));
  }
  return hash.digest('hex').slice(0, 32);
}

/** A corpus file's bytes as the cache key reads them (oversized and unreadable files by a note). */
function readCorpusFile(file: string): Buffer {
  try {
    const size = statSync(file).size;
    return size <= MAX_CORPUS_FILE_BYTES ? readFileSync(file) : Buffer.from(`oversized ${size}`);
  } catch {
    return Buffer.from('unreadable');
  }
}

/**
 * The file: the header line (JSON), the saved context (one JSON line), then the packed arrays
 * of the inverted index as raw bytes — the JSON holds `{ at, length, bytes }` in their place.
 * Raw bytes (in this machine's byte order: the file is a local cache) cost nothing to parse
 * and take 3/4 of the space of base64. (A file whose arrays are base64 strings inside the
 * JSON, and no binary part, reads too.)
 */
function readSavedIndex(
  path: string,
  key: string,
  warn: (line: string) => void,
): { header: IndexFileHeader; saved: SavedContext } | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined; // no prebuilt index yet
  }
  try {
    const newline = file.indexOf(NEWLINE);
    if (newline < 0) throw new Error('no header line');
    const header = JSON.parse(file.toString('utf8', 0, newline)) as IndexFileHeader;
    if (
      header.key !== key ||
      header.format !== INDEX_FORMAT_VERSION ||
      header.tokenizer !== TOKENIZER_VERSION
    )
      return undefined;
    const end = file.indexOf(NEWLINE, newline + 1);
    const saved = JSON.parse(file.toString('utf8', newline + 1, end < 0 ? file.length : end)) as SavedContext;
    const binary = end < 0 ? Buffer.alloc(0) : file.subarray(end + 1);
    const postings = (saved.postings ?? {}) as unknown as Record<string, unknown>;
    for (const field of PACKED_FIELDS) {
      const ref = postings[field];
      if (ref !== null && typeof ref === 'object') postings[field] = readArray(binary, ref as BinaryRef);
    }
    return { header: { ...header, warnings: header.warnings ?? [] }, saved };
  } catch (error) {
    warn(`index: ${path} is unreadable (${(error as Error).message}); rebuilding`);
    return undefined;
  }
}

const NEWLINE = 0x0a;

/** Where a packed array sits in the binary part of the file. */
type BinaryRef = { at: number; length: number; bytes: 1 | 2 | 4 };

function readArray(binary: Buffer, ref: BinaryRef): PackedArray {
  const Type =
    ref.bytes === 1 ? Uint8Array : ref.bytes === 2 ? Uint16Array : ref.bytes === 4 ? Uint32Array : undefined;
  const size = ref.length * ref.bytes;
  if (
    !Type ||
    !Number.isSafeInteger(ref.at) ||
    !Number.isSafeInteger(size) ||
    ref.at < 0 ||
    size < 0 ||
    ref.at + size > binary.length
  ) {
    throw new Error('a packed array lies outside the file');
  }
  // A copy, aligned and not holding on to the file's buffer.
  const array = new Type(ref.length);
  new Uint8Array(array.buffer).set(binary.subarray(ref.at, ref.at + size));
  return array;
}

/** The file's bytes for a saved context (see {@link readSavedIndex}). */
function encodeSavedIndex(header: IndexFileHeader, saved: SavedContext): Buffer {
  const postings: Record<string, unknown> = { ...saved.postings };
  const parts: Buffer[] = [];
  let at = 0;
  for (const field of PACKED_FIELDS) {
    const array = saved.postings[field];
    if (typeof array === 'string') continue; // already base64 inside the JSON
    parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    postings[field] = {
      at,
      length: array.length,
      bytes: array.BYTES_PER_ELEMENT as BinaryRef['bytes'],
    } satisfies BinaryRef;
    at += array.byteLength;
  }
  return Buffer.concat([
    Buffer.from(`${JSON.stringify(header)}\n${JSON.stringify({ ...saved, postings })}\n`),
    ...parts,
  ]);
}

function writeSavedIndex(
  dir: string,
  path: string,
  key: string,
  saved: SavedContext,
  warnings: string[],
  warn: (line: string) => void,
): void {
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
    writeFileSync(tmp, encodeSavedIndex(header, saved));
    renameSync(tmp, path);
  } catch (error) {
    // The cleanup can fail the same way (ENOTDIR when a file stands where the folder should be):
    // a cache that cannot be written is a warning, never the end of the answer.
    try {
      rmSync(tmp, { force: true });
    } catch {}
    warn(
      `index: could not save the prebuilt index to ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}); answering without it`,
    );
  }
}

export { IndexFormatError };
