/**
 * A simulated picker: answers what the terminal last said the way a trained operator does,
 * reading check digits off the rack (the location table of the WMS data set). Now and then
 * the check digits are wrong, so reprompts and no-match paths carry load too.
 */
import type { ListenResult, ListenVocabulary } from '@voiceman/runtime';
import type { Seed } from '@voiceman/examples';

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
export const spokenDigits = (digits: string): string => [...digits].map((d) => DIGIT_WORDS[Number(d)]).join(' ');

export interface Operator {
  answer(lastPrompt: string, vocabulary: ListenVocabulary): ListenResult;
}

export function createOperator(operatorId: string, data: Seed, options: { mistakeRate?: number; random?: () => number } = {}): Operator {
  const random = options.random ?? Math.random;
  const mistakeRate = options.mistakeRate ?? 0.03;
  const slots = new Map<string, string>();
  const doors = new Map<string, string>();
  for (const l of data.locations) (l.type === 'door' ? doors : slots).set(l.slot, l.checkDigits);
  const say = (text: string): ListenResult => ({ kind: 'speech', text, confidence: 0.92 });
  const digits = (d: string | undefined): ListenResult => say(spokenDigits(random() < mistakeRate ? '11' : (d ?? '00')));
  return {
    answer(prompt, vocabulary) {
      let m: RegExpExecArray | null;
      if (/^Operator ID\?/.test(prompt)) return say(spokenDigits(operatorId));
      if (/correct\?$/.test(prompt)) return say('yes');
      if ((m = /^Slot (.+)\.$/.exec(prompt))) return digits(slots.get(m[1]!));
      if ((m = /^Deliver to door (.+)\.$/.exec(prompt))) return digits(doors.get(m[1]!));
      if ((m = /^Pick (\d+)\.$/.exec(prompt))) return say(spokenDigits(m[1]!));
      if (vocabulary.phrases.includes('ready')) return say('ready');
      if (vocabulary.phrases.includes('yes')) return say('yes');
      return { kind: 'silence' };
    },
  };
}
