#!/usr/bin/env node
/**
 * `npm run ask` launcher. Running the CLI through tsx costs ~1 s before the first answer (the
 * loader transforms every TypeScript file and hooks every import); a single esbuild bundle of
 * the CLI, rebuilt automatically when a source file is newer, starts in ~0.4 s. No build step to
 * remember: the first run after a change rebuilds (~0.3 s) and later runs reuse the bundle.
 * Dependencies stay external (loaded from node_modules as usual).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/cli/main.ts');
const bundle = join(root, '.cache/build/cli.mjs');

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'commands'));
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return 0;
  }
}

if (bundleTime() < newestSource()) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  // Temp file + rename: two processes building at once never leave a half-written bundle.
  const tmp = `${bundle}.${process.pid}.tmp.mjs`;
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
      logLevel: 'error',
    });
    renameSync(tmp, bundle);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const { cliEntry } = await import(pathToFileURL(bundle).href);
cliEntry(process.argv.slice(2));
