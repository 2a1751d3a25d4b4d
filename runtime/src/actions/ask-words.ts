/**
 * The built-in words that act outside an ask's own prompt loop: "back up" and the voice words
 * (louder, softer, faster, slower). Repeat and help stay in the ask runner (ask.ts), which hands
 * these to the driver (`DriverPort.builtinWord`); the driver hands them here. What they need of
 * the dialog: the asks kept for "back up" (back-up.ts), a restart at one of them (a new actor:
 * the driver's job), and `Host.voice` (voice-words.ts). The words' phrases: builtin-words.ts,
 * matched in one table with the process-wide words (match.ts `wordMatches`).
 */
import type { Lang } from '../format.js';
import type { Host } from '../host.js';
import type { Job } from '../jobs.js';
import { BackUpHistory, type BackUpEntry } from '../back-up.js';
import { voiceWord, WORD_REPLIES } from '../voice-words.js';

export type DriverWord = 'backUp' | 'louder' | 'softer' | 'faster' | 'slower';

export class AskWords {
  /** The asks "back up" returns to; the driver keeps it in the session record. */
  readonly history = new BackUpHistory();

  constructor(
    private readonly host: Host,
    private readonly language: Lang,
    /** Restarts the dialog at a kept ask: a new actor from its snapshot, its job queued. */
    private readonly restartAt: (entry: BackUpEntry) => void,
    /** A voice setting could not be applied (reported while the ask is still live). */
    private readonly voiceFailed: (message: string, token: number) => void,
  ) {}

  /** Performs the word; resolves with the reply to speak, or null when the dialog moved (backed up). */
  async perform(name: DriverWord, token: number): Promise<string | null> {
    const reply = (key: keyof typeof WORD_REPLIES) => WORD_REPLIES[key][this.language];
    if (name === 'backUp') {
      const entry = this.history.back();
      if (typeof entry === 'string') return reply(`backUp.${entry}`);
      this.restartAt(entry);
      return null;
    }
    return reply(await voiceWord(this.host, name, (message) => this.voiceFailed(message, token)));
  }

  /**
   * A job ended with `eventType`: a WMS write that succeeded (any method but GET, or a GET
   * marked `write`) cannot be undone, so "back up" stops there.
   */
  jobDone(job: Job | null, eventType: string): void {
    if (eventType === 'REQUEST.OK' && job?.kind === 'request' && (job.write === true || job.request.method.toUpperCase() !== 'GET')) this.history.wrote();
  }
}
