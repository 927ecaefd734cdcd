import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  Article,
  articleUrl,
  parseMarkdownArticle,
  parsePlainTextArticle,
  titleFromFileName,
} from '../../src/corpus';
import { readWikiArticle, SEED_FILE, wikiFileNames } from '../helpers/corpora';

const seed = parseMarkdownArticle(readFileSync(SEED_FILE, 'utf8'), '平绥路战役.md');
const seedArticle = seed.article as Article;
const allSentences = (a: Article) => a.paragraphs.flatMap((p) => p.sentences);
// Anything that looks like markup left in a sentence.
const MARKUP = /\]\(|\\[[\]()*_]|\{\{|\}\}|wikilink|<\/?[a-z!]|\*\*|\|\s|Category:|File:|\.jpe?g|-\{|\}-/i;

describe('parseMarkdownArticle on the seed', () => {
  it('parses without warnings and validates against the Article schema', () => {
    assert.deepEqual(seed.warnings, []);
    assert.equal(Article.safeParse(seedArticle).success, true);
  });

  it('splits the three prose paragraphs into the twelve sentences, verbatim and in order', () => {
    assert.deepEqual(
      seedArticle.paragraphs.map((p) => p.sentences.length),
      [2, 6, 4],
    );
    const texts = allSentences(seedArticle).map((s) => `${s.id} ${s.text}`);
    assert.equal(
      texts[0]?.startsWith('平绥路战役#p1.s1 平绥路战役，又称绥远、归绥、包头战役，是抗日战争结束之后'),
      true,
    );
    assert.equal(texts[5], '平绥路战役#p2.s4 到25日，傅军主力6个师退守归绥。');
    assert.equal(texts[9], '平绥路战役#p3.s2 11月9日，贺龙部转攻包头。');
    assert.equal(texts[11], '平绥路战役#p3.s4 到12月，天气寒冷，粮草缺乏，聂贺部队只好撤回。');
  });

  it('keeps offsets that point back into the paragraph text', () => {
    for (const p of seedArticle.paragraphs) {
      for (const s of p.sentences) assert.equal(p.text.slice(s.start, s.end), s.text);
    }
  });

  it('takes the entity from the link target, not the anchor that runs on', () => {
    const s = allSentences(seedArticle).find((x) => x.id === '平绥路战役#p3.s3');
    assert.deepEqual(s?.mentions, [{ anchor: '包头也久攻不下', target: '包头', start: 14, end: 21 }]);
    assert.equal(s?.text.slice(14, 21), '包头也久攻不下');
    const lead = allSentences(seedArticle)[1];
    assert.equal(lead?.mentions.find((m) => m.anchor.startsWith('察哈尔省'))?.target, '察哈爾省 (中華民國)');
  });

  it('expands the 又称 list with its shared suffix', () => {
    assert.deepEqual(seedArticle.aliases, ['绥远战役', '归绥战役', '包头战役']);
  });

  it('keeps categories as metadata and navbox rows as related titles, never as sentences', () => {
    assert.deepEqual(seedArticle.categories.slice(0, 2), ['1945年国共冲突战役', '内蒙古民国时期战役']);
    assert.equal(seedArticle.categories.length, 7);
    assert.deepEqual(seedArticle.related, ['上党战役', '津浦战役', '平绥战役', '平汉战役']);
    const text = allSentences(seedArticle)
      .map((s) => s.text)
      .join('');
    assert.equal(text.includes('Category'), false);
    assert.equal(text.includes('冲突列表'), false);
    assert.equal(text.includes('山海关战斗'), false);
  });

  it('cites the article with a percent-encoded zh.wikipedia.org link', () => {
    assert.equal(
      seedArticle.url,
      'https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9',
    );
  });
});

describe('parseMarkdownArticle on every corpus-wiki article', () => {
  for (const file of wikiFileNames()) {
    it(`parses ${file} into clean sentences`, () => {
      const result = parseMarkdownArticle(readWikiArticle(file), file);
      assert.deepEqual(result.warnings, []);
      const article = result.article as Article;
      const sentences = allSentences(article);
      assert.ok(sentences.length >= 10, `${file}: only ${sentences.length} sentences`);
      assert.ok(article.categories.length >= 1, `${file}: no categories`);
      for (const s of sentences) {
        assert.doesNotMatch(s.text, MARKUP, `${s.id}: ${s.text}`);
        assert.ok(s.text.length < 2000, `${s.id} is ${s.text.length} chars: a split failed`);
      }
      const ids = new Set(sentences.map((s) => s.id));
      assert.equal(ids.size, sentences.length, 'sentence ids are unique');
    });
  }

  it('finds the lead aliases the articles state', () => {
    const aliasesOf = (file: string) => parseMarkdownArticle(readWikiArticle(file), file).article?.aliases;
    assert.deepEqual(aliasesOf('邯郸战役.md'), ['平汉战役']);
    assert.deepEqual(aliasesOf('上党战役.md'), ['長治戰役']);
    assert.deepEqual(aliasesOf('津浦战役.md'), ['邹县战役', '滕县战役']);
    assert.deepEqual(aliasesOf('察哈爾省_(中華民國).md'), ['察哈爾省']);
    assert.deepEqual(aliasesOf('傅作义.md'), ['宜生']);
  });

  it('drops image captions and gallery residue', () => {
    const article = parseMarkdownArticle(readWikiArticle('八路军.md'), '八路军.md').article as Article;
    const text = allSentences(article)
      .map((s) => s.text)
      .join('\n');
    assert.equal(text.includes('Bishi.jpg'), false);
    assert.equal(text.includes('長城戰鬥'), false);
    const fu = parseMarkdownArticle(readWikiArticle('傅作义.md'), '傅作义.md').article as Article;
    assert.equal(
      allSentences(fu).some((s) => s.text.startsWith('傅作義出生在一个富农家庭')),
      true,
    );
  });

  it('keeps a quotation with inner full stops as one sentence', () => {
    const article = parseMarkdownArticle(readWikiArticle('八路军.md'), '八路军.md').article as Article;
    assert.ok(allSentences(article).some((s) => s.text.endsWith('处处不留爷，老子找八路”。')));
  });
});

describe('parseMarkdownArticle on synthetic input', () => {
  it('removes footnotes, templates, zh-conversion markup, comments and empty parentheses', () => {
    const md = '**吕正操**（），-{著作}-和{{cite book |x}}<!-- c -->独\n立第二旅\\[3\\]在1945年8月成立。';
    const article = parseMarkdownArticle(md, 'x.md').article as Article;
    assert.equal(allSentences(article)[0]?.text, '吕正操，著作和独立第二旅在1945年8月成立。');
  });

  it('keeps the symbol a template prints ({{→}} between two names), and drops the others', () => {
    const md =
      '八路军西安办事处主任：[伍云甫](../Page/伍云甫.md "wikilink"){{→}}[周子健](../Page/周子健.md "wikilink"){{-}}。';
    const article = parseMarkdownArticle(md, 'x.md').article as Article;
    assert.equal(allSentences(article)[0]?.text, '八路军西安办事处主任：伍云甫→周子健。');
  });

  it('reads no sentence from a fenced code block; a fence never closed is one stray line', () => {
    const md =
      '战役发生于包头。\n\n```js\ncode 包头 = 1;\n```\n\n~~~~\n另一段代码。\n~~~~\n\n战役结束。\n\n```\n守军撤退。';
    const article = parseMarkdownArticle(md, 'x.md').article as Article;
    assert.deepEqual(
      allSentences(article).map((s) => s.text),
      ['战役发生于包头。', '战役结束。', '守军撤退。'],
    );
  });

  it('warns and skips a file without prose', () => {
    const result = parseMarkdownArticle(
      '| a |\n| - |\n\n[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")',
      'empty.md',
    );
    assert.equal(result.article, undefined);
    assert.match(result.warnings[0]?.message ?? '', /no prose/);
  });
});

describe('parsePlainTextArticle', () => {
  it('reads the first non-empty line as the title and blank-line paragraphs', () => {
    const article = parsePlainTextArticle(
      '\n梵文\n\n在歐洲，梵語的學術研究由德國學者開創。後來發現印歐語系。\n\n第二段。',
      'x.txt',
    ).article as Article;
    assert.equal(article.title, '梵文');
    assert.deepEqual(
      article.paragraphs.map((p) => p.sentences.map((s) => s.id)),
      [['梵文#p1.s1', '梵文#p1.s2'], ['梵文#p2.s1']],
    );
  });

  it('skips an empty file with a warning', () => {
    assert.match(parsePlainTextArticle('  \n\n', 'e.txt').warnings[0]?.message ?? '', /empty/);
  });
});

describe('titleFromFileName and articleUrl', () => {
  it('turns _ into spaces and keeps parentheses', () => {
    assert.equal(titleFromFileName('察哈爾省_(中華民國).md'), '察哈爾省 (中華民國)');
    assert.equal(
      articleUrl('察哈爾省 (中華民國)'),
      'https://zh.wikipedia.org/wiki/%E5%AF%9F%E5%93%88%E7%88%BE%E7%9C%81_(%E4%B8%AD%E8%8F%AF%E6%B0%91%E5%9C%8B)',
    );
  });

  it('keeps every link on zh.wikipedia.org, whatever a title holds', () => {
    assert.equal(articleUrl('AC/DC'), 'https://zh.wikipedia.org/wiki/AC/DC'); // a subpage's slash stays
    for (const title of ['../../admin', '..', 'x/./y', 'a/..']) {
      const url = new URL(articleUrl(title));
      assert.equal(url.host, 'zh.wikipedia.org', title);
      assert.match(url.pathname, /^\/w(?:iki)?\//, title);
    }
  });
});
