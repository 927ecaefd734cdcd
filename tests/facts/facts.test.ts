import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdownArticle } from '../../src/corpus/parseArticle';
import {
  type CorpusFacts,
  extractFacts,
  extractOutcomes,
  namesOfShortForm,
  shortFormsIn,
} from '../../src/facts';
import { seedContext, wideContext } from '../helpers/corpora';

const seed = seedContext();
const wide = wideContext();
const articleIndex = (_facts: CorpusFacts, title: string) =>
  wide.index.articles.findIndex((a) => a.title === title);

describe('extractDatedSentences on the seed', () => {
  it('normalizes every date expression, carrying year and month forward', () => {
    const rows = seed.facts.dated.map((d) => [
      d.sentenceId.split('#')[1],
      d.dates.map((x) => [x.text, x.start, x.end ?? null, x.precision]),
    ]);
    assert.deepEqual(rows, [
      ['p1.s1', [['1945年', '1945', null, 'year']]],
      ['p1.s2', [['1945年', '1945', null, 'year']]],
      ['p2.s1', [['1945年8月中旬', '1945-08-11', '1945-08-20', 'xun']]],
      ['p2.s2', [['10月18日', '1945-10-18', null, 'day']]],
      ['p2.s4', [['25日', '1945-10-25', null, 'day']]], // 到25日: month carried from 10月18日
      ['p2.s5', [['10月30日到11月12日', '1945-10-30', '1945-11-12', 'day']]],
      ['p3.s2', [['11月9日', '1945-11-09', null, 'day']]],
      ['p3.s4', [['12月', '1945-12', null, 'month']]], // 到12月
    ]);
  });
});

describe('extractPeople', () => {
  it('finds the seed commanders and their sides', () => {
    const people = seed.facts.people[0];
    const commanders = [...new Set(people?.commands.map((c) => c.person))];
    assert.deepEqual(commanders, ['聂荣臻', '贺龙', '傅作义', '马占山', '吕正操']);
    assert.deepEqual(
      commanders.map((n) => people?.sides.get(n)),
      ['ccp', 'ccp', 'nationalist', 'nationalist', 'ccp'],
    );
  });

  it('resolves short forms to the people already named: 傅军, 聂贺', () => {
    const people = seed.facts.people[0];
    assert.deepEqual(people?.mentions.get('平绥路战役#p2.s3'), [
      { person: '傅作义', surface: '傅军', form: 'short' },
    ]);
    assert.deepEqual(people?.mentions.get('平绥路战役#p3.s4'), [
      { person: '聂荣臻', surface: '聂贺', form: 'short' },
      { person: '贺龙', surface: '聂贺', form: 'short' },
    ]);
  });

  it('finds 上党战役 commanders on both sides, 刘邓 resolved to 刘伯承 and 邓小平', () => {
    const i = articleIndex(wide.facts, '上党战役');
    const people = wide.facts.people[i];
    const sides = Object.fromEntries(
      [...new Set(people?.commands.map((c) => c.person))].map((n) => [n, people?.sides.get(n)]),
    );
    assert.equal(sides.刘伯承, 'ccp');
    assert.equal(sides.邓小平, 'ccp');
    assert.equal(sides.阎锡山, 'nationalist');
    assert.equal(sides.史澤波, 'nationalist');
    assert.ok(
      people?.commands.some(
        (c) => c.person === '刘伯承' && c.surface === '刘邓' && c.sentenceId === '上党战役#p5.s1',
      ),
    );
  });

  it('leaves a side the text does not state as other rather than guessing', () => {
    const i = articleIndex(wide.facts, '包头战役');
    assert.equal(wide.facts.people[i]?.sides.get('门炳岳'), 'other');
  });
});

describe('extractOutcomes', () => {
  it('ranks the seed outcomes, the final withdrawal first', () => {
    assert.deepEqual(
      seed.facts.outcomes[0]?.slice(0, 3).map((o) => o.sentenceId.split('#')[1]),
      ['p3.s4', 'p3.s3', 'p3.s1'],
    );
  });
  it('does not take an aim (力图…歼灭) or the Japanese surrender for a result', () => {
    const ids = seed.facts.outcomes[0]?.map((o) => o.sentenceId.split('#')[1]);
    assert.equal(ids?.includes('p1.s2'), false);
    const p2s1 = seed.facts.outcomes[0]?.find((o) => o.sentenceId.endsWith('p2.s1'));
    assert.deepEqual(p2s1?.words, ['击退']);
  });
  it('does not take a denied or resolved result (坚不撤退, 收复包头的决心) for one', () => {
    const i = articleIndex(wide.facts, '包头战役');
    const stand = wide.index.sentences.find((s) => s.sentence.text.includes('坚不撤退'));
    assert.ok(stand);
    assert.equal(
      wide.facts.outcomes[i]?.some((o) => o.sentenceId === stand.sentence.id),
      false,
    );
    // the battle's verdict stays first: 虽然第35军此战未能收复包头…
    assert.match(
      wide.index.sentences[wide.index.byId.get(wide.facts.outcomes[i]?.[0]?.sentenceId ?? '') ?? -1]?.sentence
        .text ?? '',
      /未能收复包头/,
    );
  });
  it('takes what had to happen and what was carried out for results (不得不撤出, 完成了收复…的任务)', () => {
    const outcomesOf = (markdown: string) => {
      const { article } = parseMarkdownArticle(markdown, 'x.md');
      assert.ok(article);
      return extractOutcomes(article).map((o) => o.sentenceId.split('#')[1]);
    };
    assert.deepEqual(
      outcomesOf('3月5日，中共军队开始进攻白城。3月15日，国军守军弹尽粮绝，不得不撤出白城。'),
      ['p1.s2'],
    );
    assert.deepEqual(outcomesOf('国军久攻不下。5月20日，中共军队顺利完成了收复黑山县城的任务。')[0], 'p1.s2');
    // …but not what was denied or only resolved
    assert.deepEqual(outcomesOf('官兵纷纷表示收复包头的决心，坚不撤退。'), []);
  });
  it('puts 上党战役’s complete victory first', () => {
    const i = articleIndex(wide.facts, '上党战役');
    assert.equal(wide.facts.outcomes[i]?.[0]?.sentenceId, '上党战役#p7.s1');
  });
});

describe('extractBattles', () => {
  it('gives the seed campaign its period and the places attacked in it', () => {
    const battle = seed.facts.battles[0];
    assert.deepEqual(battle?.period, {
      start: '1945-08-11',
      end: '1945-12',
      startSentenceId: '平绥路战役#p2.s1',
      // 到12月，…只好撤回: the latest date (12月 is also in no later sentence).
      endSentenceId: '平绥路战役#p3.s4',
    });
    assert.deepEqual(
      battle?.subOperations.map((o) => o.place),
      ['归绥城', '归绥', '包头'],
    );
  });
  it('dates 上党战役 from 9月10日-era sources: 1945-08-11 to 1945-10-12', () => {
    const battle = wide.facts.battles.find((b) => b.name === '上党战役');
    assert.equal(battle?.period?.end, '1945-10-12');
    assert.ok(
      wide.facts.dated.some((d) => d.sentenceId === '上党战役#p6.s1' && d.dates[0]?.start === '1945-09-10'),
    );
  });
  it('keeps background years out of the 1939 包头战役 period', () => {
    const battle = wide.facts.battles.find((b) => b.name === '包头战役');
    assert.equal(battle?.period?.start, '1939-12-17');
  });
  it('is deterministic', () => {
    const again = extractFacts(seed.index.articles);
    assert.deepEqual(again.battles, seed.facts.battles);
  });
});

describe('short forms', () => {
  it('finds the short forms the corpus names commanders by, with the full names they stand for', () => {
    const { facts } = seedContext();
    assert.deepEqual(shortFormsIn(facts, '聂贺部队和傅军').sort(), ['傅军', '聂贺']);
    assert.deepEqual([...namesOfShortForm(facts, '聂贺')].sort(), ['聂荣臻', '贺龙']);
    assert.deepEqual(namesOfShortForm(facts, '傅军'), ['傅作义']);
    assert.deepEqual(namesOfShortForm(facts, '包头'), []);
  });
});
