/**
 * What the answer bar offers for the ask that is waiting: one chip per phrase it accepts, and a
 * hint for digit or number answers (expected length or range).
 */
import type { Expectation } from '@voiceman/simulator';

/** Phrases, each once, in the order the simulator gives them (outcomes first). */
export function chipPhrases(expecting: Expectation | null): string[] {
  if (!expecting) return [];
  const seen = new Set<string>();
  return expecting.phrases.filter((p) => {
    const key = p.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type AnswerHint =
  | { kind: 'digits'; min: number; max: number }
  | { kind: 'number'; min?: number; max?: number }
  | null;

export function answerHint(expecting: Expectation | null): AnswerHint {
  if (expecting?.digits) return { kind: 'digits', min: expecting.digits.minLength, max: expecting.digits.maxLength };
  if (expecting?.numbers) return { kind: 'number', ...expecting.numbers };
  return null;
}
