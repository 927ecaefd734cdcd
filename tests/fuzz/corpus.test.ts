/**
 * Property-based tests of the corpus parser: arbitrary zh-wiki-like Markdown (wikilinks,
 * tables, templates, images, categories, lists, headings, hostile Unicode) and plain text through
 * parseMarkdownArticle / parsePlainTextArticle / splitSentences / renderInline, and whole folders
 * of random files (random bytes, broken UTF-8, NUL bytes, empty files, duplicate titles) through
 * loadCorpus and the index. Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { Answer, answerQuestion, buildAnswerContext } from '../../src/answer';
import {
  Article,
  parseMarkdownArticle,
  parsePlainTextArticle,
  renderInline,
  splitSentences,
} from '../../src/corpus';
import { CorpusError, loadCorpus } from '../../src/io/loadCorpus';
import { CORPUS_WORDS, fuzz, hostileText, hostileUnit } from './arbitraries';

// ------------------------------------------------------------------ generators

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CORPUS_WORDS) },
  { weight: 3, arbitrary: hostileText(4, 1) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%E5', '%E5%8C%85', '\\(', '\\)', '_', ' ', '"', '|', '#') },
);
const words = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(''));

const wikilink = fc
  .tuple(
    words(3),
    words(2),
    fc.constantFrom('../Page/', 'Page/', 'https://zh.wikipedia.org/wiki/', '', 'File:', 'https://x.y/'),
  )
  .map(
    ([anchor, target, base]) =>
      `[${anchor}](${base}${target}${base.includes('Page') ? '.md' : ''} "wikilink")`,
  );

const inlinePiece = fc.oneof(
  { weight: 6, arbitrary: words(4) },
  { weight: 3, arbitrary: wikilink },
  {
    weight: 2,
    arbitrary: fc.constantFrom('。', '！', '？', '；', '，', '、', '“', '”', '（', '）', '…', '. ', '! '),
  },
  { weight: 1, arbitrary: words(2).map((w) => `**${w}**`) },
  { weight: 1, arbitrary: words(2).map((w) => `{{${w}}}`) },
  { weight: 1, arbitrary: words(2).map((w) => `-{zh-hans:${w}; zh-hant:${w}}-`) },
  { weight: 1, arbitrary: words(2).map((w) => `\\[${w}\\]`) },
  { weight: 1, arbitrary: words(2).map((w) => `<ref>${w}</ref>`) },
  { weight: 1, arbitrary: words(2).map((w) => `<!-- ${w} -->`) },
  {
    weight: 1,
    arbitrary: words(1).map((w) => `[Category:${w}](https://zh.wikipedia.org/wiki/Category:${w})`),
  },
  {
    weight: 1,
    arbitrary: words(1).map(
      (w) => `[${w}.jpg](https://zh.wikipedia.org/wiki/File:${w}.jpg "fig:${w}")${w}\\]\\]`,
    ),
  },
  { weight: 1, arbitrary: hostileUnit },
);
const inlineLine = fc.array(inlinePiece, { minLength: 1, maxLength: 10 }).map((p) => p.join(''));

const markdownLine = fc.oneof(
  { weight: 8, arbitrary: inlineLine },
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), inlineLine).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('## 参见', '## 参考文献', '## 注释', '## 外部链接', '== 历史 ==') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '  - '), inlineLine)
      .map(([b, t]) => b + t),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(inlineLine, { minLength: 1, maxLength: 4 })
      .map((cells) => `| ${cells.join(' | ')} |`),
  },
  { weight: 1, arbitrary: fc.constantFrom('|---|---|', '| --- |', '|', '||') },
  { weight: 1, arbitrary: inlineLine.map((t) => `<table><tr><td>${t}</td></tr></table>`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<table class="navbox">',
      '</table>',
      '<tr><td>',
      '<references />',
      '{{',
      '}}',
    ),
  },
  { weight: 1, arbitrary: inlineLine.map((t) => `> ${t}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<File:1938> Chinese Comintern',
      'Bishi.jpg|caption',
      '{{Infobox',
      '| name = 包头',
      '<!--',
      '-->',
    ),
  },
);
const newline = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const markdownDoc = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(markdownLine, newline), { maxLength: 30 }))
  .map(([bom, lines]) => (bom ? '\uFEFF' : '') + lines.map(([l, n]) => l + n).join(''));

const fileName = fc
  .tuple(
    fc.oneof(words(2), fc.constantFrom('平绥路战役', '包头', '察哈爾省_\\(中華民國\\)', '%E5%8C%85', '%zz')),
    fc.constantFrom('.md', '.txt', '.markdown', '.MD'),
  )
  .map(([base, ext]) => base.replace(/[/\\\0]/g, '_') + ext);

// ------------------------------------------------------------------ invariants

function checkArticle(article: Article): void {
  const parsed = Article.safeParse(article);
  assert.ok(parsed.success, `article does not validate: ${JSON.stringify(parsed.error?.issues[0])}`);
  const ids = new Set<string>();
  article.paragraphs.forEach((p, pi) => {
    assert.equal(p.index, pi + 1, 'paragraphs are numbered 1, 2, 3 …');
    p.sentences.forEach((s, si) => {
      assert.equal(s.paragraph, p.index);
      assert.equal(s.sentence, si + 1, 'sentences are numbered 1, 2, 3 …');
      assert.equal(s.id, `${article.title}#p${p.index}.s${s.sentence}`);
      assert.ok(!ids.has(s.id), `duplicate id ${s.id}`);
      ids.add(s.id);
      assert.equal(p.text.slice(s.start, s.end), s.text, 'sentence text is its span of the paragraph');
      assert.equal(s.text, s.text.trim(), 'sentence text is trimmed');
      assert.ok(!s.text.includes('\n'), 'a sentence has no line break');
      assert.match(s.text, /\p{L}/u, 'a sentence has a letter');
      for (const m of s.mentions) {
        assert.ok(
          m.start <= m.end && m.end <= s.text.length,
          `mention ${m.start}..${m.end} in ${s.text.length}`,
        );
        assert.ok(m.target.length > 0);
      }
    });
  });
}

// ------------------------------------------------------------------ properties

describe('parseMarkdownArticle on arbitrary Markdown', () => {
  it('never throws; an article, when there is one, validates and its ids and offsets are consistent (2,000 runs)', () => {
    let articles = 0;
    fc.assert(
      fc.property(markdownDoc, fileName, (markdown, file) => {
        const result = parseMarkdownArticle(markdown, file);
        assert.ok(Array.isArray(result.warnings));
        for (const w of result.warnings) assert.equal(w.file, file, 'warnings name the file');
        if (result.article) {
          articles++;
          checkArticle(result.article);
          assert.equal(result.article.source, file);
        } else assert.ok(result.warnings.length > 0, 'a skipped file says why');
      }),
      fuzz(2_000),
    );
    assert.ok(articles > 100, `only ${articles} generated documents had an article`);
  });

  it('never throws on arbitrary text with hostile Unicode (lone surrogates, controls, RTL) (1,000 runs)', () => {
    fc.assert(
      fc.property(hostileText(200), fc.string({ unit: 'binary', maxLength: 20 }), (text, name) => {
        const file = `${name.replace(/[/\\]/g, '_')}.md`;
        const result = parseMarkdownArticle(text, file);
        if (result.article) checkArticle(result.article);
      }),
      fuzz(1_000),
    );
  });
});

describe('parsePlainTextArticle on arbitrary text', () => {
  it('never throws; an article, when there is one, validates (1,500 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          markdownDoc,
          hostileText(200),
          fc.array(fc.tuple(hostileText(20), newline)).map((l) => l.flat().join('')),
        ),
        (text) => {
          const result = parsePlainTextArticle(text, 'x.txt');
          if (result.article) checkArticle(result.article);
          else assert.ok(result.warnings.length > 0);
        },
      ),
      fuzz(1_500),
    );
  });
});

describe('splitSentences and renderInline on arbitrary text', () => {
  it('splitSentences returns trimmed, ordered, non-overlapping spans of the input (3,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText(80),
          inlineLine.map((l) => renderInline(l).text),
        ),
        (paragraph) => {
          let previous = 0;
          for (const span of splitSentences(paragraph)) {
            assert.equal(paragraph.slice(span.start, span.end), span.text);
            assert.ok(span.start >= previous, 'spans are ordered and do not overlap');
            previous = span.end;
            assert.ok(span.text.length > 0 && span.text === span.text.trim());
            assert.ok(!span.text.includes('\n'));
          }
        },
      ),
      fuzz(3_000),
    );
  });

  it('renderInline keeps each link anchor at its offsets (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(inlineLine, hostileText(60)), (line) => {
        const { text, links } = renderInline(line);
        assert.equal(typeof text, 'string');
        for (const l of links) {
          assert.ok(l.start >= 0 && l.start <= l.end && l.end <= text.length);
          assert.equal(text.slice(l.start, l.end), l.anchor);
          assert.ok(l.target.length > 0);
        }
      }),
      fuzz(3_000),
    );
  });
});

// ------------------------------------------------------------------ whole folders

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type FileKind = 'markdown' | 'plain' | 'random' | 'badUtf8' | 'nul' | 'empty';
const utf8 = new TextDecoder('utf-8', { fatal: true });

const corpusFile = fc.oneof(
  {
    weight: 4,
    arbitrary: markdownDoc.map((t) => ({ kind: 'markdown' as FileKind, bytes: Buffer.from(t, 'utf8') })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(words(2), fc.array(inlineLine, { maxLength: 5 })).map(([title, paras]) => ({
      kind: 'plain' as FileKind,
      bytes: Buffer.from(`${title}\n\n${paras.join('\n\n')}`, 'utf8'),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .uint8Array({ maxLength: 400 })
      .map((b) => ({ kind: 'random' as FileKind, bytes: Buffer.from(b) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        markdownDoc,
        fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe9, 0x74], [0xf8, 0x88, 0x80, 0x80, 0x80]),
      )
      .map(([t, bad]) => ({
        kind: 'badUtf8' as FileKind,
        bytes: Buffer.concat([Buffer.from(`好文章\n\n${t}`), Buffer.from(bad)]),
      })),
  },
  {
    weight: 1,
    arbitrary: markdownDoc.map((t) => ({ kind: 'nul' as FileKind, bytes: Buffer.from(`${t}\0x`, 'utf8') })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as FileKind, bytes: Buffer.alloc(0) }) },
);
// A file name on disk is well-formed (readdir decodes bytes as UTF-8), so no lone surrogates here.
const diskName = fileName.map((n) => n.replace(/[\uD800-\uDFFF]/g, '_'));
const folder = fc.uniqueArray(
  fc.record({
    name: fc.oneof(
      diskName,
      diskName.map((n) => `sub/${n}`),
    ),
    file: corpusFile,
  }),
  { minLength: 1, maxLength: 6, selector: (f) => f.name.normalize('NFC').toLowerCase() },
);

describe('loadCorpus on folders of random files', () => {
  it('skips what it cannot read with a warning naming the file, serves the rest, and the index answers (120 runs)', () => {
    let served = 0;
    fc.assert(
      fc.property(folder, fc.constantFrom(...CORPUS_WORDS), (files, question) => {
        const dir = mkdtempSync(join(tmpdir(), 'fuzz-corpus-'));
        dirs.push(dir);
        for (const { name, file } of files) {
          mkdirSync(dirname(join(dir, name)), { recursive: true });
          writeFileSync(join(dir, name), file.bytes);
        }
        let corpus: ReturnType<typeof loadCorpus>;
        try {
          corpus = loadCorpus(dir);
        } catch (error) {
          // The only failure: nothing in the folder has a sentence (a clear startup error).
          assert.ok(error instanceof CorpusError && error.code === 'E_CORPUS_EMPTY', String(error));
          assert.match(error.message, /no readable article with sentences/);
          return;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        served++;
        const names = new Set(files.map((f) => f.name));
        for (const w of corpus.warnings)
          assert.ok(names.has(w.file), `warning for an unknown file ${w.file}`);
        for (const { name, file } of files) {
          let undecodable = false;
          try {
            utf8.decode(file.bytes);
          } catch {
            undecodable = true;
          }
          // Hidden files (a path part starting with `.`) are not corpus files: ignored silently.
          const hidden = name.split('/').some((part) => part.startsWith('.'));
          if (hidden) assert.ok(!corpus.files.some((f) => f.path === name), `hidden ${name} was read`);
          const mustWarn = !hidden && (file.kind === 'empty' || file.bytes.includes(0) || undecodable);
          if (mustWarn)
            assert.ok(
              corpus.warnings.some((w) => w.file === name),
              `no warning for ${name} (${file.kind})`,
            );
        }
        const ids = new Set<string>();
        for (const article of corpus.articles) {
          checkArticle(article);
          for (const p of article.paragraphs)
            for (const s of p.sentences) {
              assert.ok(!ids.has(s.id), `duplicate id across the corpus: ${s.id}`);
              ids.add(s.id);
            }
        }
        const ctx = buildAnswerContext(corpus.articles, corpus.aliases);
        const answer = answerQuestion(question, ctx);
        assert.ok(Answer.safeParse(answer).success);
        for (const a of answer.answers)
          assert.ok(ctx.index.sentences.some((s) => s.sentence.text === a.text));
      }),
      fuzz(120),
    );
    assert.ok(served > 20, `only ${served} random folders had an article`);
  });
});
