import { INITIAL_RESPONSE_DEADLINE_MS } from '../constants';

/**
 * Commands whose answer is deferred first, whatever their history: a timeline sorts every dated
 * sentence of the corpus, the one answer whose cost grows with the corpus as a whole.
 */
export const ALWAYS_DEFER: ReadonlySet<string> = new Set(['timeline']);
/**
 * Defer when the expected wait before the reply exceeds this: half the 3 s window, leaving
 * the other half for the network and a slower run than the slowest seen.
 */
export const DEFER_BUDGET_MS = INITIAL_RESPONSE_DEADLINE_MS / 2;
/** How fast the remembered slowest run fades (per recorded run). */
const DECAY = 0.9;

/**
 * Decides whether to `deferReply` before running a command. Commands run synchronously, so a
 * timer cannot interrupt a slow one: the decision has to come first, from measurements. It
 * remembers each command's slowest recent run (fading) and adds how long the interaction has
 * already waited (a burst queues interactions behind each other).
 *
 * @example
 * const policy = new DeferPolicy();
 * policy.record('ask', 2_400);
 * policy.shouldDefer('ask', 0) // true
 */
export class DeferPolicy {
  readonly #slowest = new Map<string, number>();

  shouldDefer(command: string, waitedMs: number): boolean {
    return ALWAYS_DEFER.has(command) || this.isSlow(command, waitedMs);
  }

  /**
   * Whether measurements alone call for deferring. Page buttons use this: the command behind
   * them has just run, so its cost is known, and an update in place saves a request.
   */
  isSlow(command: string, waitedMs: number): boolean {
    return Math.max(0, waitedMs) + (this.#slowest.get(command) ?? 0) > DEFER_BUDGET_MS;
  }

  record(command: string, ms: number): void {
    this.#slowest.set(command, Math.max(ms, (this.#slowest.get(command) ?? 0) * DECAY));
  }

  /** The remembered slowest run of a command, in ms. */
  estimate(command: string): number {
    return this.#slowest.get(command) ?? 0;
  }
}
