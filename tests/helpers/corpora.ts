/**
 * Loaders for the real corpora the tests run on. The wider zh-wiki articles are read in place
 * from ../shared/corpus-wiki (never copied into the repo); CI has ../shared too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AnswerContext, buildAnswerContext } from '../../src/answer';
import type { Article } from '../../src/corpus';
import { loadCorpus } from '../../src/io/loadCorpus';

export const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const SEED_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));
export const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url));
export const WIKI_DIR = `${SHARED_DIR}/corpus-wiki`;
export const SEED_FILE = `${SEED_DIR}/平绥路战役.md`;

/** The raw text of a corpus-wiki article. */
export function readWikiArticle(fileName: string): string {
  return readFileSync(`${WIKI_DIR}/${fileName}`, 'utf8');
}

export function wikiFileNames(): string[] {
  return readdirSync(WIKI_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
}

let seedCtx: AnswerContext | undefined;
/** The answer context of the embedded seed corpus (built once per test file). */
export function seedContext(): AnswerContext {
  if (!seedCtx) {
    const corpus = loadCorpus(SEED_DIR);
    seedCtx = buildAnswerContext(corpus.articles, corpus.aliases);
  }
  return seedCtx;
}

let wideCtx: AnswerContext | undefined;
/** The seed plus the 18 corpus-wiki articles, with the seed's curated aliases. */
export function wideContext(): AnswerContext {
  if (!wideCtx) {
    const seed = loadCorpus(SEED_DIR);
    const wiki = loadCorpus(WIKI_DIR);
    const articles: Article[] = [...seed.articles, ...wiki.articles];
    wideCtx = buildAnswerContext(articles, seed.aliases);
  }
  return wideCtx;
}
