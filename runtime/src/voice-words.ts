/**
 * The voice words (louder, softer, faster, slower): one step of the operator's speech volume or
 * rate within bounds, applied and kept by the host (`Host.voice`), acknowledged aloud. The
 * runtime owns the steps and bounds so every terminal behaves alike.
 */
import type { Lang } from './format.js';
import type { Host, SpeechSettings } from './host.js';

export type VoiceWord = 'louder' | 'softer' | 'faster' | 'slower';

/** Volume 0–1 (1 = the device's full volume), rate 1 = normal. */
export const SPEECH_BOUNDS = {
  volume: { min: 0.2, max: 1, step: 0.2 },
  rate: { min: 0.5, max: 2, step: 0.25 },
} as const;

const CHANGE: Record<VoiceWord, { key: keyof SpeechSettings; sign: 1 | -1 }> = {
  louder: { key: 'volume', sign: 1 },
  softer: { key: 'volume', sign: -1 },
  faster: { key: 'rate', sign: 1 },
  slower: { key: 'rate', sign: -1 },
};

/** The settings one step further, or null when the setting is already at its bound. */
export function stepSpeech(current: SpeechSettings, word: VoiceWord): SpeechSettings | null {
  const { key, sign } = CHANGE[word];
  const b = SPEECH_BOUNDS[key];
  const clamp = (v: number) => Math.round(Math.min(b.max, Math.max(b.min, v)) * 100) / 100;
  const now = clamp(Number.isFinite(current[key]) ? current[key] : 1);
  // Rounded to hundredths, so repeated steps never drift (0.6000000000000001).
  const next = clamp(now + sign * b.step);
  return next === now ? null : { ...current, [key]: next };
}

/** What the terminal says after a built-in word that does not move the dialog. */
export const WORD_REPLIES: Record<VoiceWord | `${VoiceWord}.limit` | 'voice.unavailable' | 'backUp.write' | 'backUp.start', Record<Lang, string>> = {
  louder: { en: 'Louder.', ru: 'Громче.' },
  softer: { en: 'Softer.', ru: 'Тише.' },
  faster: { en: 'Faster.', ru: 'Быстрее.' },
  slower: { en: 'Slower.', ru: 'Медленнее.' },
  'louder.limit': { en: 'This is the loudest.', ru: 'Громче нельзя.' },
  'softer.limit': { en: 'This is the softest.', ru: 'Тише нельзя.' },
  'faster.limit': { en: 'This is the fastest.', ru: 'Быстрее нельзя.' },
  'slower.limit': { en: 'This is the slowest.', ru: 'Медленнее нельзя.' },
  'voice.unavailable': { en: 'Voice settings are not available here.', ru: 'Настройка голоса здесь недоступна.' },
  'backUp.write': { en: "Can't go back, pick already sent.", ru: 'Нельзя вернуться, отбор уже отправлен.' },
  'backUp.start': { en: 'Nothing to go back to.', ru: 'Возвращаться некуда.' },
};

/**
 * Performs a voice word through the host; returns the key of the reply to speak. A failing
 * `voice.set` is reported through `onError` and answered like a host without voice.
 */
export async function voiceWord(host: Host, word: VoiceWord, onError: (message: string) => void): Promise<keyof typeof WORD_REPLIES> {
  const voice = host.voice;
  if (!voice) return 'voice.unavailable';
  const next = stepSpeech(voice.get(), word);
  if (!next) return `${word}.limit`;
  try {
    await voice.set(next);
  } catch (error) {
    onError((error as Error)?.message ?? String(error));
    return 'voice.unavailable';
  }
  return word;
}
