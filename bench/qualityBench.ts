/**
 * Answer quality on one full public QA set (`evaluateQa`: our first answer vs plain BM25 over
 * bigrams), in its own process. Prints the result without per-question records.
 *
 *   node --expose-gc --import tsx bench/qualityBench.ts --set cmrc|drcd
 */
import { parseFlags } from './lib/child';
import { evaluateQa, type QaEvalResult } from './qaEval';
import { loadQaSet } from './qaSets';

const name = parseFlags(process.argv.slice(2)).get('set');
if (name !== 'cmrc' && name !== 'drcd') throw new Error('--set cmrc|drcd');
const { records: _records, ...result }: QaEvalResult = evaluateQa(loadQaSet(name));
process.stderr.write(
  `quality ${name}: hit@1 ${(result.hit1 * 100).toFixed(1)}% vs BM25 ${((result.baseline?.hit1 ?? 0) * 100).toFixed(1)}% on ${result.questions} questions\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
