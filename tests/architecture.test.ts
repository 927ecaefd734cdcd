import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_DIR } from './helpers/corpora';

// The core stages are pure: no discord.js, no file system, no process or console. Only the
// adapters (src/io, src/cli, src/discord) touch the outside world.
const CORE = ['src/corpus', 'src/facts', 'src/search', 'src/answer', 'src/render', 'commands'];
const FORBIDDEN = [
  /from 'discord\.js'/,
  /from 'node:fs'/,
  /from 'node:child_process'/,
  /\bprocess\.(?:env|argv|exit|stdout|stderr|stdin|on)\b/,
  /\bconsole\./,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('architecture', () => {
  for (const dir of CORE) {
    it(`${dir} does no I/O and does not import discord.js`, () => {
      for (const file of files(join(PROJECT_DIR, dir))) {
        const source = readFileSync(file, 'utf8').replace(/import type [^;]+;/g, '');
        for (const pattern of FORBIDDEN) assert.doesNotMatch(source, pattern, `${file} matches ${pattern}`);
      }
    });
  }
});
