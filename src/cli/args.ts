import { REPLY_LOCALES, type ReplyLocale } from '../render';

/** The CLI's flags, parsed. */
export type CliArgs = {
  format: 'text' | 'json' | 'jsonl';
  corpus?: string;
  locale: ReplyLocale;
  query: string[];
  help: boolean;
};

/** A user mistake on the command line: printed as one line (with a pointer to `--help`), exit code 2. */
export class CliError extends Error {
  constructor(
    readonly code: 'E_BAD_FLAG' | 'E_NO_QUERY',
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const USAGE = `Usage: npm run ask -- [--json | --jsonl] [--corpus DIR] [--locale zh-CN|zh-TW|en-US] [QUERY…]

QUERY is what you would type in Discord:
  /battle 包头          a battle or place, with cited sentences
  /ask 谁指挥了绥远战役？  a free question (plain text without a /command is the same)
  /who 傅作义           a person
  /timeline [battle]    dated events in order
  /sources, /help

  --json          print one JSON object (the answer) instead of text
  --jsonl         read one query per line from stdin, print one JSON object per line
  --corpus DIR    answer from this folder of .md/.txt articles (default: corpus/, or $CORPUS_DIR)
  --locale L      reply language/script: zh-CN (default), zh-TW, en-US`;

/**
 * Parses argv (without `node script`). Flags may come anywhere before `--`; everything else
 * is the query. `--corpus=DIR` and `--locale=zh-TW` forms work too.
 *
 * @example
 * parseArgs(['--json', '/battle', '包头']) // { format: 'json', query: ['/battle', '包头'], locale: 'zh-CN', … }
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { format: 'text', locale: 'zh-CN', query: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      args.query.push(...argv.slice(i + 1));
      break;
    }
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string | undefined])
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new CliError('E_BAD_FLAG', `${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--json':
        args.format = setFormat(args.format, 'json');
        break;
      case '--jsonl':
        args.format = setFormat(args.format, 'jsonl');
        break;
      case '--corpus':
        args.corpus = value();
        break;
      case '--locale': {
        const locale = value();
        if (!REPLY_LOCALES.includes(locale as ReplyLocale)) {
          throw new CliError(
            'E_BAD_FLAG',
            `--locale must be one of ${REPLY_LOCALES.join(', ')} (got “${locale}”)`,
          );
        }
        args.locale = locale as ReplyLocale;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        // -j, -x …: a mistyped flag, not words of a question (a query never starts with -letter;
        // -1 or a lone - still are query text).
        if (flag.startsWith('--') || /^-[A-Za-z]/.test(flag))
          throw new CliError('E_BAD_FLAG', `unknown flag ${flag}`);
        args.query.push(arg);
    }
  }
  if (args.format === 'jsonl' && args.query.length > 0) {
    throw new CliError(
      'E_BAD_FLAG',
      `--jsonl reads its queries from stdin, one per line; remove “${args.query.join(' ').slice(0, 40)}” or drop --jsonl`,
    );
  }
  if (
    !args.help &&
    args.format !== 'jsonl' &&
    args.query.join(' ').trim() === '' &&
    args.query.length === 0
  ) {
    throw new CliError('E_NO_QUERY', 'no query given');
  }
  return args;
}

function setFormat(current: CliArgs['format'], next: 'json' | 'jsonl'): CliArgs['format'] {
  if (current !== 'text' && current !== next)
    throw new CliError('E_BAD_FLAG', '--json and --jsonl cannot be combined');
  return next;
}
