import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { COMMAND_LIST, COMMANDS, findCommand } from '../../commands';
import {
  COMMAND_DEFINITION_MAX_LENGTH,
  COMMAND_DESCRIPTION_MAX_LENGTH,
  COMMAND_MAX_OPTIONS,
  COMMAND_NAME_MAX_LENGTH,
} from '../../src/constants';
import { seedContext } from '../helpers/corpora';

// Discord's rule for names: 1-32 chars of lowercase letters (any script), digits, - and _.
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe('command modules', () => {
  for (const command of COMMAND_LIST) {
    const d = command.definition;
    it(`/${d.name} has valid names and descriptions in every locale`, () => {
      const names = [d.name, ...Object.values(d.name_localizations ?? {})];
      for (const n of names) assert.match(n ?? '', NAME, `name ${n}`);
      const descriptions = [d.description, ...Object.values(d.description_localizations ?? {})];
      for (const t of descriptions)
        assert.ok(
          (t ?? '').length >= 1 && (t ?? '').length <= COMMAND_DESCRIPTION_MAX_LENGTH,
          `description ${t}`,
        );
      assert.ok(d.name.length <= COMMAND_NAME_MAX_LENGTH);
      assert.ok((d.options ?? []).length <= COMMAND_MAX_OPTIONS);
      assert.ok(JSON.stringify(d).length <= COMMAND_DEFINITION_MAX_LENGTH);
      for (const o of d.options ?? []) {
        for (const n of [o.name, ...Object.values(o.name_localizations ?? {})])
          assert.match(n ?? '', NAME, `option ${n}`);
        for (const t of [o.description, ...Object.values(o.description_localizations ?? {})]) {
          assert.ok(
            (t ?? '').length >= 1 && (t ?? '').length <= COMMAND_DESCRIPTION_MAX_LENGTH,
            `option description ${t}`,
          );
        }
      }
      assert.deepEqual(Object.keys(d.name_localizations ?? {}).sort(), ['zh-CN', 'zh-TW']);
    });

    it(`/${d.name}'s option names equal its Input schema keys`, () => {
      const schemaKeys = Object.keys((command.Input as unknown as z.ZodObject<z.ZodRawShape>).shape).sort();
      assert.deepEqual((d.options ?? []).map((o) => o.name).sort(), schemaKeys);
      assert.ok(
        (d.options ?? []).some((o) => o.name === 'private' && o.type === 5),
        'every command has `private`',
      );
    });
  }

  it('finds commands by localized names', () => {
    assert.equal(findCommand('战役'), COMMANDS.battle);
    assert.equal(findCommand('時間線'), COMMANDS.timeline);
    assert.equal(findCommand('nope'), undefined);
  });
});

describe('autocomplete', () => {
  const ctx = seedContext();
  const names = (text: string) => COMMANDS.battle.autocomplete?.(text, ctx).map((c) => c.name) ?? [];
  it('matches simplified, traditional, pinyin and aliases', () => {
    assert.equal(names('包')[0], '包头');
    assert.equal(names('歸')[0], '归绥');
    assert.ok(names('bao').includes('包头'));
    assert.ok(names('呼和').includes('归绥'), '呼和浩特 is an alias of 归绥');
    assert.ok(names('绥远战').includes('平绥路战役'));
  });
  it('returns at most 25 choices of at most 100 characters', () => {
    for (const text of ['', '战', 'a', '傅'.repeat(300)]) {
      const choices = COMMANDS.battle.autocomplete?.(text, ctx) ?? [];
      assert.ok(choices.length <= 25);
      for (const c of choices) assert.ok(c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
    }
  });
});
