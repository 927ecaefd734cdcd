import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../commands';
import { Answer, answerQuestion } from '../../src/answer';
import { seedContext, wideContext } from '../helpers/corpora';

const seed = seedContext();
const wide = wideContext();

describe('/battle', () => {
  it('answers 包头 on the seed with the 平绥路战役 card focused on 包头', () => {
    const answer = Answer.parse(COMMANDS.battle.run({ name: '包头' }, seed));
    assert.equal(answer.status, 'ok');
    assert.equal(answer.facts?.name, '平绥路战役');
    assert.equal(answer.facts?.focus, '包头');
    assert.deepEqual(answer.facts?.aliases, ['绥远战役', '归绥战役', '包头战役']);
    assert.deepEqual(
      answer.facts?.period && { start: answer.facts.period.start, end: answer.facts.period.end },
      { start: '1945-08-11', end: '1945-12' },
    );
    assert.deepEqual(
      answer.answers.map((a) => a.text),
      ['11月9日，贺龙部转攻包头。', '由于侦查失误和指挥失当，进攻包头也久攻不下。'],
    );
    assert.deepEqual(
      answer.facts?.commanders?.map((c) => `${c.name}:${c.side}`),
      ['聂荣臻:ccp', '贺龙:ccp', '吕正操:ccp', '傅作义:nationalist', '马占山:nationalist'],
    );
    assert.deepEqual(answer.facts?.commanders?.[0]?.citation, {
      title: '平绥路战役',
      paragraph: 1,
      sentence: 2,
      url: 'https://zh.wikipedia.org/wiki/%E5%B9%B3%E7%BB%A5%E8%B7%AF%E6%88%98%E5%BD%B9',
    });
    assert.equal(answer.facts?.outcome?.[0]?.text, '到12月，天气寒冷，粮草缺乏，聂贺部队只好撤回。');
    assert.equal(answer.facts?.alsoMeant, undefined);
  });

  it('on the wider corpus also offers the 1939 包头战役 and tells them apart by date', () => {
    const answer = COMMANDS.battle.run({ name: '包头' }, wide);
    assert.equal(answer.facts?.name, '平绥路战役');
    assert.deepEqual(
      answer.facts?.alsoMeant?.map((a) => [a.title, a.period?.slice(0, 10)]),
      [['包头战役', '1939-12-17']],
    );
  });

  it('gives the 1939 battle first for its exact title 包头战役, and the 1945 campaign as the other meaning', () => {
    const answer = COMMANDS.battle.run({ name: '包头战役' }, wide);
    assert.equal(answer.facts?.name, '包头战役');
    assert.equal(answer.facts?.period?.start, '1939-12-17');
    assert.deepEqual(
      answer.facts?.alsoMeant?.map((a) => a.title),
      ['平绥路战役'],
    );
  });

  it('finds the campaign by its aliases, in either script', () => {
    for (const name of ['绥远战役', '綏遠戰役', '平绥战役', 'pingsui']) {
      const answer = COMMANDS.battle.run({ name }, seed);
      assert.equal(answer.status, 'ok', name);
    }
    assert.equal(COMMANDS.battle.run({ name: '绥远战役' }, seed).facts?.focus, undefined);
  });

  it('says not_found for an unknown battle, suggesting the known ones', () => {
    const answer = COMMANDS.battle.run({ name: '淮海战役' }, seed);
    assert.equal(answer.status, 'not_found');
    assert.deepEqual(answer.suggestions, ['平绥路战役']);
  });

  it('says not_found for a battle the wider corpus names only in lists (淮海战役), as /ask does', () => {
    for (const name of ['淮海战役', '淮海戰役']) {
      const answer = COMMANDS.battle.run({ name }, wide);
      assert.deepEqual(answer.reason, { code: 'passing_mention', subject: name }, name);
      assert.deepEqual(answer.answers, []);
      assert.ok(answer.suggestions?.includes('上党战役'));
    }
    // one it tells something of, without an article (聂荣臻…指挥…平津战役), is still quoted
    const pingjin = COMMANDS.battle.run({ name: '平津战役' }, wide);
    assert.equal(pingjin.status, 'ok');
    assert.ok(pingjin.answers.every((a) => a.text.includes('平津')));
  });
});

describe('/who', () => {
  it('includes the sentences that name 傅作义 only as 傅军, and his side', () => {
    const answer = COMMANDS.who.run({ name: '傅作義' }, seed);
    assert.equal(answer.facts?.side, 'nationalist');
    const texts = answer.answers.map((a) => a.text);
    assert.ok(texts.includes('鉴于形势不利，傅军迅速撤退，损失不大。'));
    assert.ok(texts.includes('傅军顽强抵抗，凭借堡垒固守。'));
  });
  it('says first who someone is: the lead of their own article, before what they did elsewhere', () => {
    for (const [name, id] of [
      ['傅作义', '傅作义#p1.s1'], // 傅作義，字宜生，是一位…政治人物與军事人物
      ['贺龙', '贺龙#p1.s1'],
      ['吕正操', '吕正操#p1.s1'],
    ] as const)
      assert.equal(COMMANDS.who.run({ name }, wide).answers[0]?.id, id, name);
  });
  it('finds 贺龙 by pinyin and through 聂贺', () => {
    const answer = COMMANDS.who.run({ name: 'He Long' }, seed);
    assert.equal(answer.facts?.side, 'ccp');
    assert.ok(
      answer.answers.some((a) => a.text.startsWith('到12月')),
      'the 聂贺部队 sentence',
    );
  });
  it('answers a short form of two people (聂贺) with the sentence naming both, then its own sentences', () => {
    const answer = Answer.parse(COMMANDS.who.run({ name: '聂贺' }, seed));
    assert.equal(answer.status, 'ok');
    assert.equal(answer.facts?.name, '聂荣臻、贺龙');
    assert.equal(answer.facts?.side, 'ccp');
    assert.equal(answer.answers[0]?.id, '平绥路战役#p1.s2'); // …由聂荣臻、贺龙指挥…
    assert.ok(answer.answers.slice(1).every((a) => a.text.includes('聂贺')));
    // …but not two people no sentence names together: 吕梁 (of 吕梁军区) read as 吕正操 and 梁任芥
    assert.notEqual(COMMANDS.who.run({ name: '吕梁' }, wide).facts?.name, '吕正操、梁任芥');
  });
});

describe('/timeline', () => {
  it('lists the seed events chronologically, each with its date', () => {
    const answer = COMMANDS.timeline.run({}, seed);
    assert.deepEqual(
      answer.answers.map((a) => a.date?.start),
      ['1945', '1945', '1945-08-11', '1945-10-18', '1945-10-25', '1945-10-30', '1945-11-09', '1945-12'],
    );
  });
  it('limits to one battle on the wider corpus, in order', () => {
    const answer = COMMANDS.timeline.run({ battle: '上党战役' }, wide);
    const starts = answer.answers.map((a) => a.date?.start ?? '');
    assert.deepEqual([...starts].sort(), starts);
    assert.ok(answer.answers.every((a) => a.citation.title === '上党战役'));
    assert.ok(starts.includes('1945-09-10'));
    assert.equal(answer.facts?.period?.end, '1945-10-12');
  });
  it('reads a battle named inside a question as the battle, not every sentence naming it', () => {
    // 包头战役 is an alias of 平绥路战役 and, in the wider corpus, the title of a 1939 battle.
    const byName = COMMANDS.timeline.run({ battle: '绥远战役' }, wide);
    const inQuestion = COMMANDS.timeline.run({ battle: '谁指挥了绥远战役？' }, wide);
    assert.equal(inQuestion.facts?.name, '平绥路战役');
    assert.deepEqual(
      inQuestion.answers.map((a) => a.id),
      byName.answers.map((a) => a.id),
    );
    assert.ok(inQuestion.answers.every((a) => a.citation.title === '平绥路战役'));
  });
});

describe('/ask with facts', () => {
  it('answers when with the dated sentence and who with the commanders', () => {
    assert.equal(answerQuestion('贺龙什么时候进攻包头', seed).answers[0]?.text, '11月9日，贺龙部转攻包头。');
    assert.equal(answerQuestion('上党战役谁指挥', wide).answers[0]?.citation.title, '上党战役');
  });
});
