/**
 * Queries are data everywhere: static checks over src/ and commands/.
 * - No regular expression is built from user text without escaping: every `RegExp(` call is
 *   either at module level (built once at load time, when no user text exists) or on the
 *   allow-list below with the reason its input is safe.
 * - No path is built from user text: the code a query flows through (the CLI's runQuery, the
 *   bot's interaction handlers, the commands) cannot reach the file system — none of the modules
 *   it imports, transitively, imports node:fs, child_process, worker_threads or the io adapters.
 * - No eval, no `new Function`, no `vm`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_DIR } from '../helpers/corpora';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

const SOURCES = [...tsFiles(join(PROJECT_DIR, 'src')), ...tsFiles(join(PROJECT_DIR, 'commands'))];
const rel = (path: string) => relative(PROJECT_DIR, path).replaceAll('\\', '/');

/** Source without comments (so that documentation examples do not count). */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * `RegExp(` calls inside functions, with why their pattern cannot carry user text unescaped.
 * Add an entry only with a reason; the test fails on entries that no longer match anything.
 */
const DYNAMIC_REGEXP_ALLOW_LIST: { file: string; contains: string; why: string }[] = [
  {
    file: 'src/cli/parseQueryLine.ts',
    contains: '.map(escapeRegExp)',
    why: 'option names of the command definitions (constants), each escaped',
  },
];

describe('queries are data: regular expressions', () => {
  // A call's text: its line and the next three (the formatter wraps long arguments).
  const calls = SOURCES.flatMap((path) => {
    const lines = code(path).split('\n');
    return lines.flatMap((line, i) =>
      /\bRegExp\s*\(/.test(line)
        ? [{ file: rel(path), line: i + 1, text: lines.slice(i, i + 4).join('\n') }]
        : [],
    );
  });

  it('finds the RegExp constructors it is meant to judge', () => {
    assert.ok(calls.length >= 5, `only ${calls.length} RegExp calls found; is the scan broken?`);
  });

  it('builds every RegExp from constants at module level, or from escaped text (allow-list)', () => {
    const used = new Set<number>();
    const problems: string[] = [];
    for (const call of calls) {
      // Module level: a top-level `const X = new RegExp(`. Such a
      // pattern is built once when the module loads, before any query exists.
      const moduleLevel = /^(?:export )?const \w+ =\s*new RegExp\(/.test(call.text);
      if (moduleLevel) continue;
      const entry = DYNAMIC_REGEXP_ALLOW_LIST.findIndex(
        (e) => e.file === call.file && call.text.includes(e.contains),
      );
      if (entry >= 0) used.add(entry);
      else problems.push(`${call.file}:${call.line}: ${call.text.split('\n')[0]?.trim()}`);
    }
    assert.deepEqual(problems, [], 'a RegExp built at run time from something not on the allow-list');
    for (const [i, e] of DYNAMIC_REGEXP_ALLOW_LIST.entries())
      assert.ok(used.has(i), `stale allow-list entry: ${e.file} ${e.contains}`);
  });

  it('the escaping helper the allow-list relies on escapes every metacharacter', async () => {
    // parseQueryLine's escapeRegExp is private: check its behaviour through an option whose value
    // is full of metacharacters, which must be read as text.
    const { parseQueryLine } = await import('../../src/cli/parseQueryLine');
    const meta = `.*+?^$${'{}'}()|[]\\/`;
    const parsed = parseQueryLine(`/battle name:${meta}`);
    assert.ok(parsed.ok);
    assert.equal(parsed.input.name, meta);
  });

  it('never evaluates text as code', () => {
    for (const path of SOURCES) {
      const source = code(path);
      assert.doesNotMatch(source, /\beval\s*\(|\bnew\s+Function\s*\(|from ['"]node:vm['"]/, rel(path));
    }
  });
});

// ------------------------------------------------------------------ import graph

const IO_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process|worker_threads|net|http|https|vm)$/;

/** Relative imports of a module (static and dynamic), resolved to files. */
function importsOf(path: string): { local: string[]; external: string[] } {
  const source = code(path);
  const specifiers = [
    ...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1] ?? '');
  // `import type` is erased at run time.
  const typeOnly = new Set(
    [...source.matchAll(/\bimport\s+type\s+[^;]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]),
  );
  const local: string[] = [];
  const external: string[] = [];
  for (const spec of specifiers) {
    if (
      typeOnly.has(spec) &&
      !new RegExp(
        `import\\s+\\{[^}]*\\}\\s+from\\s+['"]${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`,
      ).test(source)
    )
      continue;
    if (!spec.startsWith('.')) {
      external.push(spec);
      continue;
    }
    const base = resolve(dirname(path), spec);
    const file = [`${base}.ts`, `${base}/index.ts`, base].find((f) => existsSync(f) && statSync(f).isFile());
    assert.ok(file, `${rel(path)} imports ${spec}, which does not resolve`);
    local.push(file);
  }
  return { local, external };
}

/** Every module reachable from the entry points, with what it imports from outside. */
function reachable(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = entries.map((e) => join(PROJECT_DIR, e));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const { local, external } = importsOf(file);
    seen.set(file, external);
    queue.push(...local);
  }
  return seen;
}

describe('queries are data: no path is built from user text', () => {
  // Where user text enters: a CLI/--jsonl line, a Discord interaction (command options,
  // autocomplete text, button custom_ids), and the command modules that answer them.
  const QUERY_PATH = ['src/cli/runQuery.ts', 'src/discord/handleInteraction.ts', 'commands/index.ts'];
  const graph = reachable(QUERY_PATH);

  it('walks the whole query path', () => {
    const files = [...graph.keys()].map(rel);
    for (const expected of [
      'src/answer/answerQuestion.ts',
      'src/search/query.ts',
      'src/render/renderDiscord.ts',
      'src/discord/handleCommand.ts',
      'commands/ask.ts',
    ])
      assert.ok(files.includes(expected), `${expected} is not on the query path: ${files.join(', ')}`);
  });

  it('no module on the query path can touch the file system, spawn processes or open sockets', () => {
    const problems: string[] = [];
    for (const [file, external] of graph) {
      for (const spec of external) if (IO_MODULES.test(spec)) problems.push(`${rel(file)} imports ${spec}`);
      if (rel(file).startsWith('src/io/')) problems.push(`${rel(file)} (an io adapter) is on the query path`);
    }
    assert.deepEqual(problems, []);
  });

  it('the CLI hands query text to runQuery only', () => {
    const main = code(join(PROJECT_DIR, 'src/cli/main.ts'));
    // The stdin lines and the argv query go to runQuery and nowhere else.
    const loops = [...main.matchAll(/for await \(const (\w+) of io\.lines\(\)\)([^\n]*)/g)];
    assert.equal(loops.length, 1, 'one loop over the stdin lines');
    for (const [, name = '', body = ''] of loops) {
      const uses = [...body.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].length;
      const toRunQuery = [...body.matchAll(new RegExp(`runQuery\\(${name},`, 'g'))].length;
      assert.ok(
        uses >= 1 && uses === toRunQuery,
        `a stdin line is used for something else than runQuery: ${body}`,
      );
    }
    const queryUses = [...main.matchAll(/\bargs\.query\b/g)].map((m) =>
      main.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + 30),
    );
    for (const use of queryUses)
      assert.match(use, /runQuery\(args\.query/, `unexpected use of the argv query: ${use}`);
    assert.ok(queryUses.length >= 1);
  });

  it('modules that do touch the file system take folders from configuration, not from queries', () => {
    const fsUsers = SOURCES.filter((path) =>
      importsOf(path).external.some((s) => /^(?:node:)?fs(?:\/promises)?$/.test(s)),
    ).map(rel);
    // The io adapters only: corpus folder, prebuilt index folder, corpus watcher.
    for (const file of fsUsers)
      assert.match(file, /^src\/io\//, `${file} touches the file system outside src/io`);
    // …and none of them is imported by a module that sees user text (checked above), so their
    // path arguments come from CORPUS_DIR / --corpus / the index folder only.
    assert.ok(fsUsers.length >= 1);
  });
});
