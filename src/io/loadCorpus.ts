import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MAX_CORPUS_FILE_BYTES } from '../constants';
import {
  AliasFile,
  type Article,
  type CorpusWarning,
  parseMarkdownArticle,
  parsePlainTextArticle,
} from '../corpus';
import { foldText } from '../text/fold';

/** What a corpus folder holds once read: its articles, its curated aliases, and what was skipped. */
export type LoadedCorpus = {
  dir: string;
  articles: Article[];
  aliases?: AliasFile;
  warnings: CorpusWarning[];
  /** corpus files read (relative path, byte size, mtime), for cache keys */
  files: { path: string; bytes: number; mtimeMs: number }[];
};

/** Setup problems the adapters turn into one clear line and a non-zero exit. */
export class CorpusError extends Error {
  constructor(
    readonly code: 'E_CORPUS_MISSING' | 'E_CORPUS_EMPTY' | 'E_ALIAS_FILE',
    message: string,
    /** why each file was skipped, for E_CORPUS_EMPTY: the operator needs them most then */
    readonly warnings: CorpusWarning[] = [],
  ) {
    super(`corpus: ${message}`);
    this.name = 'CorpusError';
  }
}

const ALIAS_FILE = 'aliases.json';

/**
 * Reads every `.md` / `.txt` file under `dir` (recursively, sorted by path so that ids are
 * stable) and parses it. Unreadable, binary, empty, oversized and duplicate-title files are
 * skipped with a warning naming the file (and line); the rest still loads.
 *
 * @throws CorpusError when the folder is missing or yields no sentences at all, or when
 * `aliases.json` is present but invalid (it is the operator's file: fail loudly).
 */
export function loadCorpus(dir: string): LoadedCorpus {
  const entries = listCorpusFiles(dir);
  const warnings: CorpusWarning[] = [];
  const articles: Article[] = [];
  const files: LoadedCorpus['files'] = [];
  const titles = new Map<string, { file: string; index: number }>();
  let aliases: AliasFile | undefined;

  for (const path of entries) {
    const file = relative(dir, path);
    if (file === ALIAS_FILE) {
      aliases = readAliasFile(path, file);
      continue;
    }
    if (!/\.(md|markdown|txt)$/i.test(file)) continue;
    const read = readText(path, file);
    if ('warning' in read) {
      warnings.push(read.warning);
      continue;
    }
    files.push({ path: file, bytes: read.bytes, mtimeMs: read.mtimeMs });
    const parsed = /\.txt$/i.test(file)
      ? parsePlainTextArticle(read.text, file)
      : parseMarkdownArticle(read.text, file);
    warnings.push(...parsed.warnings);
    if (!parsed.article) continue;
    const key = foldText(parsed.article.title);
    const first = titles.get(key);
    if (first !== undefined) {
      // Same title in two files (an article split in parts, or a set of paragraphs of one
      // topic): merge, numbering the new paragraphs after the first file's.
      const target = articles[first.index] as Article;
      articles[first.index] = mergeArticles(target, parsed.article);
      warnings.push({
        file,
        message: `duplicate title "${parsed.article.title}" (also in ${first.file}); merged into one article`,
      });
      continue;
    }
    titles.set(key, { file, index: articles.length });
    articles.push(parsed.article);
  }
  if (articles.length === 0) {
    throw new CorpusError(
      'E_CORPUS_EMPTY',
      `no readable article with sentences in ${dir} (expected .md or .txt files)`,
      warnings,
    );
  }
  return { dir, articles, aliases, warnings, files };
}

/**
 * Every file under a corpus folder that the loader reads (.md, .markdown, .txt and the alias
 * file), sorted. @throws CorpusError when the folder is missing.
 */
export function listCorpusFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    return listFiles(dir).filter((p) => /\.(md|markdown|txt)$/i.test(p) || relative(dir, p) === ALIAS_FILE);
  } catch {
    throw new CorpusError('E_CORPUS_MISSING', `corpus folder not found or not a folder: ${dir}`);
  }
}

/**
 * Appends `extra`'s paragraphs to `base`, renumbered after base's last paragraph so that ids
 * (`title#p7.s1`) stay unique and stable for a given file order. Aliases, categories and related
 * titles are united.
 */
export function mergeArticles(base: Article, extra: Article): Article {
  const offset = base.paragraphs.length;
  const paragraphs = extra.paragraphs.map((p) => {
    const index = p.index + offset;
    return {
      ...p,
      index,
      sentences: p.sentences.map((s) => ({
        ...s,
        paragraph: index,
        id: `${base.title}#p${index}.s${s.sentence}`,
      })),
    };
  });
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  return {
    ...base,
    aliases: union(base.aliases, extra.aliases).filter((a) => foldText(a) !== foldText(base.title)),
    paragraphs: [...base.paragraphs, ...paragraphs],
    categories: union(base.categories, extra.categories),
    related: union(base.related, extra.related),
  };
}

/** Formats a warning as one line for stderr: `corpus: 包头.md:12: …`. */
export function formatWarning(w: CorpusWarning): string {
  return `corpus: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`;
}

// --- internal ---

/**
 * The files under `dir`, sorted. Symbolic links are followed (an article linked in from elsewhere
 * is part of the corpus), each folder once by its real path, so a link loop ends; a broken link is
 * listed, so that reading it warns with its name.
 */
function listFiles(dir: string, seen = new Set([realPath(dir)])): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      let target: ReturnType<typeof statSync>;
      try {
        target = statSync(path);
      } catch {
        out.push(path);
        continue;
      }
      // A link to a pipe or a device is not an article (reading a FIFO would wait forever).
      if (target.isFile()) out.push(path);
      if (!target.isDirectory()) continue;
      isDirectory = true;
    }
    if (isDirectory) {
      const real = realPath(path);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(...listFiles(path, seen));
    } else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

type ReadResult = { text: string; bytes: number; mtimeMs: number } | { warning: CorpusWarning };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(path: string, file: string): ReadResult {
  let buffer: Buffer;
  let mtimeMs = 0;
  try {
    const stat = statSync(path);
    mtimeMs = stat.mtimeMs;
    if (stat.size > MAX_CORPUS_FILE_BYTES) {
      return {
        warning: {
          file,
          message: `file is ${stat.size} bytes, over the ${MAX_CORPUS_FILE_BYTES}-byte limit; skipped`,
        },
      };
    }
    buffer = readFileSync(path);
  } catch (error) {
    return {
      warning: {
        file,
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped`,
      },
    };
  }
  if (buffer.length === 0) return { warning: { file, message: 'empty file; skipped' } };
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    return { warning: { file, line: lineAt(buffer, nul), message: 'binary content (NUL byte); skipped' } };
  }
  try {
    return { text: utf8.decode(buffer), bytes: buffer.length, mtimeMs };
  } catch {
    return { warning: { file, line: firstBadUtf8Line(buffer), message: 'not valid UTF-8; skipped' } };
  }
}

function lineAt(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buffer[i] === 0x0a) line++;
  return line;
}

function firstBadUtf8Line(buffer: Buffer): number {
  let start = 0;
  let line = 1;
  while (start <= buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    try {
      utf8.decode(buffer.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return line;
}

function readAliasFile(path: string, file: string): AliasFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CorpusError('E_ALIAS_FILE', `${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = AliasFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorpusError('E_ALIAS_FILE', `${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}
