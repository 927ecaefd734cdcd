/**
 * Property-based tests of the answering layer: any string up to Discord's 6,000-character
 * option limit through answerQuestion, every command's run (as the CLI calls it), runCommand
 * (as the bot calls it, with option values of any JSON type), runQuery (a CLI line) and every
 * autocomplete. Never throws; the result always validates against the Answer schema; every
 * quoted text is a verbatim corpus sentence under its own citation; over 1,000 characters is
 * `invalid`. Seeded: see arbitraries.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { COMMAND_LIST, type CommandModule } from '../../commands';
import { Answer, type AnswerContext, answerQuestion, type Citation } from '../../src/answer';
import { runQuery } from '../../src/cli/runQuery';
import { MAX_QUERY_LENGTH } from '../../src/constants';
import { runCommand } from '../../src/discord/runCommand';
import {
  checkReplyLimits,
  REPLY_LOCALES,
  renderChoices,
  renderForDiscord,
  renderText,
} from '../../src/render';
import { seedContext, wideContext } from '../helpers/corpora';
import {
  DISCORD_OPTION_MAX,
  fuzz,
  hasLoneSurrogate,
  hostileText,
  queryText,
  slashCommandLine,
} from './arbitraries';

const seed = seedContext();
const wide = wideContext();
type AnyCommand = CommandModule<Record<string, unknown>>;

/** Every sentence of a context by its citation key `title#p3.s2`, with its article's URL. */
const sentencesOf = new WeakMap<AnswerContext, Map<string, { text: string; url: string }>>();
function corpusSentences(ctx: AnswerContext): Map<string, { text: string; url: string }> {
  let map = sentencesOf.get(ctx);
  if (!map) {
    map = new Map();
    for (const article of ctx.index.articles)
      for (const p of article.paragraphs)
        for (const s of p.sentences)
          map.set(`${article.title}#p${p.index}.s${s.sentence}`, { text: s.text, url: article.url });
    sentencesOf.set(ctx, map);
  }
  return map;
}

function checkCitation(ctx: AnswerContext, citation: Citation, text?: string): void {
  const key = `${citation.title}#p${citation.paragraph}.s${citation.sentence}`;
  const sentence = corpusSentences(ctx).get(key);
  assert.ok(sentence, `citation ${key} points at no corpus sentence`);
  assert.equal(citation.url, sentence.url, `citation ${key} links to another article`);
  if (text !== undefined) assert.equal(text, sentence.text, `quoted text is not verbatim sentence ${key}`);
}

/** The contract every answer keeps, whatever the input. */
function checkAnswer(ctx: AnswerContext, answer: Answer, input?: string): void {
  const parsed = Answer.safeParse(answer);
  assert.ok(parsed.success, `invalid Answer: ${JSON.stringify(parsed.error?.issues.slice(0, 2))}`);
  if (answer.status !== 'ok') assert.ok(answer.message, 'a not-ok answer says why');
  if (answer.status !== 'ok') assert.equal(answer.answers.length, 0, 'a not-ok answer quotes nothing');
  for (const a of answer.answers) {
    checkCitation(ctx, a.citation, a.text);
    if (a.id) assert.equal(a.id, `${a.citation.title}#p${a.citation.paragraph}.s${a.citation.sentence}`);
  }
  for (const o of answer.facts?.outcome ?? []) checkCitation(ctx, o.citation, o.text);
  for (const c of answer.facts?.commanders ?? []) checkCitation(ctx, c.citation);
  if (answer.facts?.period?.citation) checkCitation(ctx, answer.facts.period.citation);
  // Characters as a reader counts them: code points (😀 is one), as queryProblem counts them.
  const length = input === undefined ? 0 : Array.from(input.trim()).length;
  if (length > MAX_QUERY_LENGTH)
    assert.equal(answer.status, 'invalid', `a ${length}-character query must be invalid`);
  // The JSON the CLI prints is well-formed UTF-8 and parses back to the same answer.
  assert.deepEqual(JSON.parse(JSON.stringify(answer)), JSON.parse(JSON.stringify(parsed.data)));
}

/** Input for a command from one string: its main option, and a random `private`. */
function inputFor(
  command: AnyCommand,
  text: string,
  isPrivate: boolean | undefined,
): Record<string, unknown> {
  const input: Record<string, unknown> = command.mainOption ? { [command.mainOption]: text } : {};
  if (isPrivate !== undefined) input.private = isPrivate;
  return input;
}

const commandArb = fc.constantFrom(...(COMMAND_LIST as AnyCommand[]));
const maybeBoolean = fc.option(fc.boolean(), { nil: undefined });

describe('answerQuestion on any string up to 6,000 characters', () => {
  for (const [name, ctx, runs] of [
    ['seed', seed, 2_000],
    ['wide', wide, 1_000],
  ] as const) {
    it(`never throws; validates; quotes verbatim; > 1,000 characters is invalid (${name} corpus, ${runs} runs)`, () => {
      fc.assert(
        fc.property(queryText, (query) => {
          const answer = answerQuestion(query, ctx);
          checkAnswer(ctx, answer, query);
          assert.equal(answer.query, query);
        }),
        fuzz(runs),
      );
    });
  }

  it('refuses every query just over the limit and answers (or not_founds) every one at it', () => {
    for (const c of ['包', 'x', '头', '7']) {
      assert.equal(answerQuestion(c.repeat(MAX_QUERY_LENGTH + 1), seed).status, 'invalid');
      assert.notEqual(answerQuestion(c.repeat(MAX_QUERY_LENGTH), seed).status, 'invalid');
    }
    assert.equal(answerQuestion('x'.repeat(DISCORD_OPTION_MAX), seed).status, 'invalid');
  });
});

describe("every command's run (the CLI path)", () => {
  for (const [name, ctx, runs] of [
    ['seed', seed, 2_000],
    ['wide', wide, 1_000],
  ] as const) {
    it(`never throws, validates, quotes verbatim, renders within Discord's limits (${name} corpus, ${runs} runs)`, () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(
          commandArb,
          queryText,
          maybeBoolean,
          fc.constantFrom(...REPLY_LOCALES),
          (command, text, isPrivate, locale) => {
            const input = inputFor(command, text, isPrivate);
            const parsed = command.Input.safeParse(input);
            assert.ok(parsed.success, 'a string option is always schema-valid');
            const answer = command.run(parsed.data, ctx);
            seen.add(`${command.definition.name}:${answer.status}`);
            checkAnswer(ctx, answer, command.mainOption ? text : undefined);
            assert.equal(typeof renderText(answer, locale), 'string');
            assert.deepEqual(
              checkReplyLimits(renderForDiscord(answer, { locale, ephemeral: isPrivate })),
              [],
            );
          },
        ),
        fuzz(runs),
      );
      // Not vacuous: the inputs reach answers as well as refusals.
      for (const expected of [
        'ask:ok',
        'ask:not_found',
        'ask:invalid',
        'battle:ok',
        'who:invalid',
        'timeline:ok',
        'help:ok',
      ])
        assert.ok(seen.has(expected), `no ${expected} among ${[...seen].join(', ')}`);
    });
  }
});

describe('runCommand with option values of any type (the bot path)', () => {
  it('never throws and always returns a valid Answer (2,000 runs)', () => {
    const value = fc.oneof(
      { weight: 4, arbitrary: queryText },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined, 0, -1, Number.NaN, true, false, [], {}) },
    );
    fc.assert(
      fc.property(
        commandArb,
        fc.dictionary(
          fc.constantFrom('name', 'question', 'battle', 'private', 'other', '__proto__', 'constructor'),
          value,
          { maxKeys: 4 },
        ),
        (command, raw) => {
          const answer = runCommand(command, raw, seed);
          checkAnswer(seed, answer);
          assert.equal(answer.command, command.definition.name);
        },
      ),
      fuzz(2_000),
    );
  });
});

describe('runQuery (one CLI / --jsonl line)', () => {
  const slashLine = slashCommandLine(queryText, 3);

  it('never throws and always returns a valid Answer whose query is the line (1,500 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(slashLine, queryText), (line) => {
        const answer = runQuery(line, seed);
        checkAnswer(seed, answer);
        assert.equal(answer.query, line);
        // The bot's limit is on what the options hold: the line without `/command` and `name:`.
        const typed = line
          .trim()
          .replace(/^[/／][^\s:：]+/, '')
          .replace(/(^|\s)[^\s:：]{1,32}[:：]/g, '$1')
          .trim();
        if (Array.from(typed).length > MAX_QUERY_LENGTH) assert.equal(answer.status, 'invalid');
      }),
      fuzz(1_500),
    );
  });
});

describe('autocomplete on any text', () => {
  it('gives at most 25 choices, each name and value 1-100 characters, none with a lone surrogate (1,000 runs)', () => {
    const withAutocomplete = (COMMAND_LIST as AnyCommand[]).filter((c) => c.autocomplete);
    assert.ok(withAutocomplete.length >= 3);
    fc.assert(
      fc.property(
        fc.constantFrom(...withAutocomplete),
        fc.oneof(hostileText(8), queryText),
        fc.constantFrom(...REPLY_LOCALES),
        (command, text, locale) => {
          const choices = renderChoices(command.autocomplete?.(text.slice(0, 100), wide) ?? [], locale);
          assert.ok(choices.length <= 25);
          for (const c of choices) {
            assert.ok(c.name.length >= 1 && c.name.length <= 100, `name ${c.name.length}`);
            assert.ok(c.value.length >= 1 && c.value.length <= 100, `value ${c.value.length}`);
            assert.ok(!hasLoneSurrogate(c.name) && !hasLoneSurrogate(c.value));
          }
        },
      ),
      fuzz(1_000),
    );
  });
});
