/**
 * The browser's Web Speech API, where it exists: speaking prompts (speechSynthesis) and
 * recognising an answer (SpeechRecognition, prefixed in Chromium). Both are optional and off by
 * default; headless Chromium has neither voices nor recognition, and text always works.
 */
import type { Lang } from '@voiceman/runtime';

const locale: Record<Lang, string> = { en: 'en-US', ru: 'ru-RU' };

interface RecognitionResult {
  transcript: string;
  confidence: number;
}
interface RecognitionLike {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((e: { results: ArrayLike<ArrayLike<RecognitionResult>> }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  abort(): void;
}
type RecognitionCtor = new () => RecognitionLike;

function recognitionCtor(): RecognitionCtor | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

export function speechSupport(): { recognition: boolean; synthesis: boolean } {
  return {
    recognition: recognitionCtor() !== undefined,
    synthesis: typeof window !== 'undefined' && 'speechSynthesis' in window && window.speechSynthesis.getVoices().length > 0,
  };
}

export function speak(text: string, lang: Lang): void {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = locale[lang];
  window.speechSynthesis.speak(u);
}

export function stopSpeaking(): void {
  if (typeof window !== 'undefined' && 'speechSynthesis' in window) window.speechSynthesis.cancel();
}

/** Listens once; resolves the best hypothesis, or null when nothing was heard. Returns a cancel function. */
export function listenOnce(lang: Lang, done: (result: RecognitionResult | null, error?: string) => void): () => void {
  const Ctor = recognitionCtor();
  if (!Ctor) {
    done(null, 'unsupported');
    return () => {};
  }
  const r = new Ctor();
  let settled = false;
  const settle = (result: RecognitionResult | null, error?: string) => {
    if (settled) return;
    settled = true;
    done(result, error);
  };
  r.lang = locale[lang];
  r.interimResults = false;
  r.maxAlternatives = 1;
  r.onresult = (e) => {
    const best = e.results[0]?.[0];
    settle(best ? { transcript: best.transcript, confidence: best.confidence } : null);
  };
  r.onerror = (e) => settle(null, e.error);
  r.onend = () => settle(null);
  r.start();
  return () => {
    settled = true;
    r.abort();
  };
}
