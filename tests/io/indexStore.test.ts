import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import MiniSearch from 'minisearch';
import type { AnswerContext } from '../../src/answer';
import { runQuery } from '../../src/cli/runQuery';
import {
  contextFromSaved,
  corpusKey,
  indexKey,
  loadAnswerContext,
  type SavedContext,
  serializeContext,
  writePrebuiltIndex,
} from '../../src/io/indexStore';
import { listCorpusFiles } from '../../src/io/loadCorpus';
import { analyzeQuery, INDEX_FORMAT_VERSION, INDEX_OPTIONS, searchSentences } from '../../src/search';
import { isCompact } from '../../src/search/compactIndex';
import { SEED_DIR, WIKI_DIR, wideContext } from '../helpers/corpora';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** JSON with Maps as entry lists: equal strings mean equal values *and* the same key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v,
  );
}

// Queries of every kind: names, questions, traditional script, pinyin (prefix and fuzzy
// matching), dates, commands.
const QUERIES = [
  '/battle 包头',
  '/battle 归绥',
  '/battle 上党战役',
  '/battle 邯郸战役',
  '/battle 诺曼底',
  '/who 傅作义',
  '/who 贺龙',
  '/who 刘伯承',
  '/who 聂贺',
  '/timeline',
  '/timeline 归绥',
  '/timeline 上党战役',
  '/sources',
  '包头',
  '歸綏',
  '賀龍什麼時候進攻包頭',
  '谁指挥了绥远战役？',
  '绥远战役的结果是什么',
  '傅作义为什么撤退',
  '八路军攻占了哪些城市',
  '刘邓指挥了哪些战役',
  'baotou',
  'fu zuoyi',
  'helong',
  'nie rongzhen',
  'He Long',
  'fuzuoyii',
  'guisuizhanyi',
  '12月',
  '10月18日',
  '1945年10月',
  '淮海战役',
  'pizza',
];

/** Asserts two canonical strings are equal, reporting where they first differ (not both whole). */
function same(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  assert.fail(
    `${what}: differs at ${at}: …${actual.slice(Math.max(0, at - 80), at + 80)}… vs …${expected.slice(Math.max(0, at - 80), at + 80)}…`,
  );
}

function searchTrace(ctx: AnswerContext, query: string): string {
  const hits = searchSentences(ctx.index, analyzeQuery(ctx.index, query));
  return canonical(hits.map((h) => [h.item.ref, h.score, h.bm25, h.coverage, h.matched]));
}

describe('a saved context (seed + corpus-wiki)', () => {
  const ctx = wideContext();
  const json = JSON.stringify(serializeContext(ctx));
  // contextFromSaved takes its argument over (the articles become the index's): a copy each.
  const saved = JSON.parse(json) as SavedContext;
  const restored = contextFromSaved(JSON.parse(json) as SavedContext);

  it('restores the extracted facts deep-equal, with their keys in the same order', () => {
    assert.deepStrictEqual(restored.facts, ctx.facts);
    same(canonical(restored.facts), canonical(ctx.facts), 'facts');
    assert.ok(restored.facts.dated.length > 100, 'the wide corpus has dated sentences');
  });

  it('restores the per-sentence dates, command sentences and outcome strengths', () => {
    assert.deepStrictEqual(restored.dates, ctx.dates);
    same(canonical(restored.dates), canonical(ctx.dates), 'dates');
    assert.deepStrictEqual(restored.commandRefs, ctx.commandRefs);
    assert.deepStrictEqual(restored.outcomeStrength, ctx.outcomeStrength);
    assert.ok(
      restored.dates.size > 100 && restored.commandRefs.size > 10 && restored.outcomeStrength.size > 10,
    );
  });

  it('shares the articles’ sentence id strings instead of copies', () => {
    const dated = restored.facts.dated[0];
    const ref = dated && restored.index.byId.get(dated.sentenceId);
    assert.ok(dated && ref !== undefined);
    assert.equal(restored.index.sentences[ref]?.sentence.id, dated.sentenceId);
  });

  it('restores the sentences (folded text, entities), frequencies and lookups', () => {
    assert.equal(restored.index.sentences.length, ctx.index.sentences.length);
    same(canonical(restored.index.sentences), canonical(ctx.index.sentences), 'sentences');
    // Document frequencies: read from the packed arrays; same counts, in the engine's term order.
    const { df } = restored.index;
    assert.equal(df.size, ctx.index.df.size);
    for (const [term, count] of ctx.index.df) assert.ok(df.get(term) === count && df.has(term), term);
    assert.deepStrictEqual(new Map([...df].sort()), new Map([...ctx.index.df].sort()));
    // Terms only in other fields (names, pinyin) and unknown ones have none.
    for (const term of ['fuzuoyi', 'baotou', '傅作义', '平绥路战役', '诺曼底', 'pizza', '']) {
      assert.equal(df.get(term), ctx.index.df.get(term), term);
      assert.equal(df.has(term), ctx.index.df.has(term), term);
    }
    assert.deepStrictEqual(restored.index.articleRanges, ctx.index.articleRanges);
    assert.deepStrictEqual(restored.index.byId, ctx.index.byId);
    const { starts, ...entities } = restored.index.entities;
    const { starts: builtStarts, ...builtEntities } = ctx.index.entities;
    same(canonical(entities), canonical(builtEntities), 'entities');
    // `starts` is recomputed on load (as before the facts were saved): same entries, its own order.
    assert.deepStrictEqual(new Map([...starts].sort()), new Map([...builtStarts].sort()));
    assert.equal(restored.index.engine.termCount, ctx.index.engine.termCount);
    assert.equal(restored.index.engine.documentCount, ctx.index.engine.documentCount);
    assert.ok(isCompact(restored.index.engine as MiniSearch<unknown>));
  });

  it('searches exactly like the index it was saved from: same hits, scores and matched terms', () => {
    for (const query of QUERIES) same(searchTrace(restored, query), searchTrace(ctx, query), query);
  });

  it('answers every command exactly the same', () => {
    for (const query of QUERIES)
      assert.equal(JSON.stringify(runQuery(query, restored)), JSON.stringify(runQuery(query, ctx)), query);
  });

  it('walks prefix and fuzzy matches in the order of the tree minisearch loads (scores add up identically)', () => {
    // Reference: minisearch's own loadJS of the same index.
    const reference = MiniSearch.loadJS(ctx.index.engine.toJSON(), INDEX_OPTIONS) as unknown as {
      _index: Tree;
    };
    const compact = restored.index.engine as unknown as { _index: Tree };
    type Tree = {
      keys(): Iterable<string>;
      atPrefix(p: string): Iterable<[string, unknown]>;
      fuzzyGet(q: string, d: number): Map<string, [unknown, number]>;
    };
    const listing = (entries: Iterable<[string, unknown]>) =>
      canonical([...entries].map(([term, data]) => [term, fields(data)]));
    const fields = (data: unknown) =>
      [...(data as Iterable<[number, Iterable<[number, number]>]>)].map(([f, docs]) => [f, [...docs]]);
    assert.deepEqual([...compact._index.keys()], [...reference._index.keys()], 'iteration order');
    const terms = [...reference._index.keys()];
    const probes = new Set(['baotou', 'fuzuoyi', 'helong', 'zzzzz', '50000', '4e00a', '~4e0', '~5305', 'x']);
    terms.forEach((term, i) => {
      if (/^[a-z0-9]+$/.test(term) ? i % 3 === 0 : i % 500 === 0) {
        probes.add(term);
        probes.add(term.slice(0, 3));
        probes.add(`${term}a`);
        probes.add(`z${term.slice(1)}`);
      }
    });
    for (const probe of probes) {
      same(
        listing(compact._index.atPrefix(probe)),
        listing(reference._index.atPrefix(probe)),
        `prefix ${probe}`,
      );
      for (const distance of [1, 2]) {
        const found = (tree: Tree) =>
          canonical([...tree.fuzzyGet(probe, distance)].map(([term, [data, d]]) => [term, d, fields(data)]));
        same(found(compact._index), found(reference._index), `fuzzy ${probe} ${distance}`);
      }
    }
  });

  it('can still be changed like minisearch’s own index (it turns back into a radix tree first)', () => {
    const copy = contextFromSaved(JSON.parse(json) as SavedContext).index.engine;
    const reference = MiniSearch.loadJS(ctx.index.engine.toJSON(), INDEX_OPTIONS);
    const document = {
      id: 1_000_000,
      text: 'zzqq baotou',
      chars: '',
      title: 'zzqq',
      aliases: '',
      entities: '',
    };
    for (const engine of [copy, reference]) {
      engine.add(document);
      engine.discard(3);
    }
    assert.ok(!isCompact(copy as MiniSearch<unknown>));
    for (const query of ['zzqq', 'baotou', 'fuzuoyi']) {
      const options = { prefix: true, fuzzy: 0.2 };
      same(canonical(copy.search(query, options)), canonical(reference.search(query, options)), query);
    }
  });

  it('saves a loaded index again to the same terms and postings', () => {
    const again = JSON.parse(JSON.stringify(serializeContext(restored))) as SavedContext;
    const { iterRank: _a, fuzzyRank: _b, ...postings } = again.postings;
    const { iterRank: _c, fuzzyRank: _d, ...original } = saved.postings;
    assert.deepStrictEqual(postings, original);
    assert.deepStrictEqual({ ...again, postings: undefined }, { ...saved, postings: undefined });
  });

  it('refuses saved facts that do not validate or point nowhere', () => {
    const damaged = (damage: (facts: NonNullable<SavedContext['facts']>) => void) => {
      const copy = structuredClone(saved);
      assert.ok(copy.facts);
      damage(copy.facts);
      return () => contextFromSaved(copy);
    };
    assert.throws(
      damaged((f) => {
        f.dated.sentences[0] = -1;
      }),
      /facts:/,
    );
    assert.throws(
      damaged((f) => {
        f.dated.sentences[0] = 10_000_000;
      }),
      /does not exist/,
    );
    assert.throws(
      damaged((f) => {
        f.dated.text.pop();
      }),
      /do not line up/,
    );
    assert.throws(
      damaged((f) => {
        (f.dated.precision as string[])[0] = 'century';
      }),
      /facts:/,
    );
    assert.throws(
      damaged((f) => {
        f.people.pop();
      }),
      /facts:/,
    );
  });

  it('extracts the facts again for a file saved without them', () => {
    const { facts: _facts, ...withoutFacts } = JSON.parse(json) as SavedContext;
    same(canonical(contextFromSaved(withoutFacts).facts), canonical(ctx.facts), 'facts');
  });
});

describe('loadAnswerContext when the index cannot be saved', () => {
  it('answers, with one warning, when a file stands where the index folder should be (ENOTDIR)', () => {
    const dir = tempDir('blocked-index-');
    const file = join(dir, 'index');
    writeFileSync(file, 'x');
    for (const indexDir of [file, join(file, 'nested')]) {
      const warnings: string[] = [];
      const { ctx } = loadAnswerContext(SEED_DIR, { indexDir, warn: (line) => warnings.push(line) });
      assert.equal(runQuery('/battle 包头', ctx).status, 'ok');
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(
        warnings[0] ?? '',
        /^index: could not save the prebuilt index to .*; answering without it$/,
      );
    }
  });
});

describe('loadAnswerContext and the prebuilt index file', () => {
  const corpus = tempDir('prebuilt-corpus-');
  cpSync(SEED_DIR, corpus, { recursive: true });
  for (const name of readdirSync(WIKI_DIR)
    .filter((f) => f.endsWith('.md'))
    .slice(0, 4))
    cpSync(join(WIKI_DIR, name), join(corpus, name));
  const indexDir = tempDir('prebuilt-index-');
  const indexFile = () => {
    const files = readdirSync(indexDir).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1);
    return join(indexDir, files[0] as string);
  };
  /** The file's parts: header line, saved context (JSON line), packed arrays (raw bytes). */
  const fileParts = () => {
    const file = readFileSync(indexFile());
    const first = file.indexOf(10);
    const found = file.indexOf(10, first + 1);
    const second = found < 0 ? file.length : found;
    return {
      header: file.subarray(0, first),
      body: file.toString('utf8', first + 1, second),
      binary: file.subarray(second + 1),
    };
  };
  /** Rewrites the saved context (the JSON line) of the file. */
  type Body = Omit<SavedContext, 'postings'> & {
    postings: Record<string, { at: number; length: number; bytes: number }>;
  };
  const editBody = (edit: (saved: Body) => void) => {
    const { header, body, binary } = fileParts();
    const saved = JSON.parse(body) as Body;
    edit(saved);
    writeFileSync(indexFile(), Buffer.concat([header, Buffer.from(`\n${JSON.stringify(saved)}\n`), binary]));
  };
  const answers = (ctx: AnswerContext) => QUERIES.map((q) => JSON.stringify(runQuery(q, ctx)));
  /** Loads the saved file, which must be taken as it is: prebuilt, no warning, packed postings. */
  const loadSavedAsIs = () => {
    const warnings: string[] = [];
    const loaded = loadAnswerContext(corpus, { indexDir, warn: (line) => warnings.push(line) });
    assert.equal(loaded.source.from, 'prebuilt');
    assert.deepEqual(warnings, []);
    assert.ok(isCompact(loaded.ctx.index.engine as MiniSearch<unknown>), 'searches the packed arrays');
    return loaded;
  };

  const built = loadAnswerContext(corpus, { indexDir });
  const expected = answers(built.ctx);

  it('names the file by the hash of the corpus, whichever way the bytes are read', () => {
    const raw = new Map(
      listCorpusFiles(corpus).map((file) => [file.slice(corpus.length + 1), readFileSync(file)]),
    );
    assert.equal(corpusKey(corpus), indexKey(raw));
    assert.equal(built.source.key, indexKey(raw));
    assert.equal(indexFile(), join(indexDir, `${indexKey(raw)}.json`));
  });

  it('builds and saves the index, then loads it with the facts and answers the same', () => {
    assert.equal(built.source.from, 'built');
    const header = JSON.parse(readFileSync(indexFile(), 'utf8').split('\n', 1)[0] as string) as {
      format: number;
    };
    assert.equal(header.format, INDEX_FORMAT_VERSION);
    // The packed arrays are raw bytes after the JSON, not base64 inside it.
    const { body, binary } = fileParts();
    const docs = (JSON.parse(body) as Body).postings.docs;
    assert.equal(docs?.bytes, 4);
    assert.ok(
      docs && docs.at + 4 * docs.length <= binary.length && docs.length > built.ctx.index.sentences.length,
    );
    const loaded = loadSavedAsIs();
    assert.deepEqual(answers(loaded.ctx), expected);
    same(canonical(loaded.ctx.facts), canonical(built.ctx.facts), 'facts');
  });

  const rebuilds: [string, () => void, RegExp | undefined][] = [
    [
      'corrupt saved facts',
      () =>
        editBody((saved) => {
          (saved.facts as { outcomes: unknown }).outcomes = 'nothing';
        }),
      /does not match this version.*facts:/,
    ],
    [
      'damaged packed postings',
      () =>
        editBody((saved) => {
          if (saved.postings.docs) saved.postings.docs.length = 3;
        }),
      /does not match this version/,
    ],
    [
      'a packed array pointing past the end of the file',
      () =>
        editBody((saved) => {
          if (saved.postings.docs) saved.postings.docs.at = 1e9;
        }),
      /unreadable/,
    ],
    [
      'a sentence pointing outside its article',
      () =>
        editBody((saved) => {
          const first = saved.sentences[0];
          if (first) first[1] = 999;
        }),
      /points outside its article/,
    ],
    [
      'a truncated file',
      () => {
        const file = readFileSync(indexFile());
        writeFileSync(indexFile(), file.subarray(0, file.length - 100));
      },
      /unreadable/,
    ],
    [
      'a file cut inside its JSON',
      () => {
        const file = readFileSync(indexFile());
        writeFileSync(indexFile(), file.subarray(0, file.indexOf(10) + 1000));
      },
      /unreadable/,
    ],
    [
      'a file of the previous format',
      () => {
        const { header, body, binary } = fileParts();
        const old = header.toString('utf8').replace(`"format":${INDEX_FORMAT_VERSION}`, '"format":2');
        writeFileSync(indexFile(), Buffer.concat([Buffer.from(`${old}\n${body}\n`), binary]));
      },
      undefined,
    ],
  ];
  for (const [what, damage, warning] of rebuilds) {
    it(`rebuilds from the corpus on ${what}, and saves a good file again`, () => {
      damage();
      const warnings: string[] = [];
      const again = loadAnswerContext(corpus, { indexDir, warn: (line) => warnings.push(line) });
      assert.equal(again.source.from, 'built');
      if (warning) assert.match(warnings.join('\n'), warning);
      else assert.deepEqual(warnings, []);
      assert.deepEqual(answers(again.ctx), expected);
      assert.equal(loadAnswerContext(corpus, { indexDir }).source.from, 'prebuilt');
    });
  }

  it('loads a file written by writePrebuiltIndex (for tools that build the context themselves)', () => {
    rmSync(indexFile());
    const { path, bytes } = writePrebuiltIndex(corpus, indexDir, built.ctx);
    assert.equal(path, indexFile());
    assert.ok(bytes > 1000);
    const loaded = loadAnswerContext(corpus, { indexDir });
    assert.equal(loaded.source.from, 'prebuilt');
    assert.deepEqual(answers(loaded.ctx), expected);
  });

  it('loads a file with the arrays as base64 inside the JSON (no binary part)', () => {
    const { header } = fileParts();
    writeFileSync(indexFile(), `${header.toString('utf8')}\n${JSON.stringify(serializeContext(built.ctx))}`);
    const loaded = loadAnswerContext(corpus, { indexDir });
    assert.equal(loaded.source.from, 'prebuilt');
    assert.deepEqual(answers(loaded.ctx), expected);
  });

  it('loads a file saved without facts (extracting them) and answers the same', () => {
    editBody((saved) => {
      delete saved.facts;
    });
    const loaded = loadSavedAsIs();
    assert.deepEqual(answers(loaded.ctx), expected);
  });
});
