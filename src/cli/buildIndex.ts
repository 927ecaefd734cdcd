/**
 * `npm run build-index [-- --corpus DIR] [--out DIR]`: builds the prebuilt index for a corpus
 * so that the bot and the CLI start without indexing. Prints where it went and what it cost.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_INDEX_DIR, loadAnswerContext } from '../io/indexStore';
import { CorpusError } from '../io/loadCorpus';
import { progressBar } from '../io/progressBar';
import { DEFAULT_CORPUS_DIR } from './main';

function main(argv: string[]): number {
  let corpus = process.env.CORPUS_DIR?.trim() || DEFAULT_CORPUS_DIR;
  let out = DEFAULT_INDEX_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--corpus' && argv[i + 1]) corpus = argv[++i] ?? corpus;
    else if (arg === '--out' && argv[i + 1]) out = argv[++i] ?? out;
    else {
      process.stderr.write(
        `build-index: unknown argument ${arg}\nUsage: npm run build-index -- [--corpus DIR] [--out DIR]\n`,
      );
      return 2;
    }
  }
  try {
    const { source } = loadAnswerContext(corpus, {
      indexDir: out,
      warn: (line) => process.stderr.write(`${line}\n`),
      onProgress: progressBar('indexing', 1),
    });
    process.stdout.write(
      `${source.from === 'prebuilt' ? 'up to date' : 'built'}: ${source.sentences} sentences, key ${source.key}, ${Math.round(source.ms)} ms\n${source.path ?? ''}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CorpusError) {
      process.stderr.write(`build-index: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
