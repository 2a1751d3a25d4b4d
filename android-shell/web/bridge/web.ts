/**
 * The browser's bridge, for the soft terminal at /terminal/ (pilots, training, demos): speech
 * synthesis where the browser has voices, the microphone where it has SpeechRecognition (opt-in),
 * and always the text box on the screen, which answers the pending listen (`answer`).
 */
import type { Bridge, DeviceEvent, Grammar, Heard, NetworkState } from './contract.js';

export interface WebBridge extends Bridge {
  /** The operator typed (or clicked) an answer. */
  answer(text: string): void;
  /** The operator is typing: the silence timer starts again. */
  typing(): void;
  /** Listening now (the screen shows the text box as active). */
  readonly listening: boolean;
  microphone: boolean;
  readonly hasMicrophone: boolean;
}

interface RecognitionLike {
  lang: string;
  maxAlternatives: number;
  interimResults: boolean;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string; confidence: number }>> }) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  abort(): void;
}

const LOCALES = { en: 'en-US', ru: 'ru-RU' } as const;

export function webBridge(): WebBridge {
  const listeners = new Set<(e: DeviceEvent) => void>();
  const g = globalThis as unknown as { speechSynthesis?: SpeechSynthesis; SpeechRecognition?: new () => RecognitionLike; webkitSpeechRecognition?: new () => RecognitionLike };
  const Recognition = g.SpeechRecognition ?? g.webkitSpeechRecognition;
  let pending: { resolve: (h: Heard) => void; timer: ReturnType<typeof setTimeout> | null; timeoutMs: number; recognition: RecognitionLike | null } | null = null;
  const networkState = (): NetworkState => ({ online: navigator.onLine, transport: navigator.onLine ? 'unknown' : 'none' });
  const emitNetwork = () => {
    for (const l of listeners) l({ type: 'network', state: networkState() });
  };
  addEventListener('online', emitNetwork);
  addEventListener('offline', emitNetwork);

  const finish = (heard: Heard) => {
    const p = pending;
    if (!p) return;
    pending = null;
    if (p.timer) clearTimeout(p.timer);
    p.recognition?.abort();
    p.resolve(heard);
  };
  const arm = () => {
    if (!pending) return;
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => finish({ kind: 'silence' }), pending.timeoutMs);
  };
  let audio: AudioContext | null = null;
  // Utterances still playing: a listen over a prompt (barge-in) starts its silence timer when
  // the last one ends. The text box always answers, the microphone where the browser has one.
  let speaking = 0;
  let whenQuiet: (() => void)[] = [];
  const quiet = () => {
    const due = whenQuiet;
    whenQuiet = [];
    for (const f of due) f();
  };

  const bridge: WebBridge = {
    kind: 'web',
    bargeIn: true,
    microphone: false,
    hasMicrophone: !!Recognition,
    get listening() {
      return pending !== null;
    },
    speak(text, voice) {
      const synth = g.speechSynthesis;
      // Headless or voiceless browsers never finish an utterance: the screen shows the prompt.
      if (!synth || synth.getVoices().length === 0) return Promise.resolve();
      speaking += 1;
      return new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(text);
        u.lang = LOCALES[voice.language];
        u.rate = voice.rate;
        u.pitch = voice.pitch;
        u.volume = voice.volume;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          clearTimeout(guard);
          speaking -= 1;
          if (speaking === 0) quiet();
          resolve();
        };
        const guard = setTimeout(end, 2000 + text.length * 120);
        u.onend = u.onerror = end;
        synth.speak(u);
      });
    },
    stopSpeaking() {
      g.speechSynthesis?.cancel();
    },
    listen(grammar: Grammar, { timeoutMs, duringSpeech }) {
      finish({ kind: 'error', code: 'cancelled', message: 'a new listen started' });
      return new Promise<Heard>((resolve) => {
        const p: NonNullable<typeof pending> = { resolve, timer: null, timeoutMs, recognition: null };
        pending = p;
        if (duringSpeech && speaking > 0) whenQuiet.push(() => pending === p && arm());
        else arm();
        if (bridge.microphone && Recognition) {
          const r = new Recognition();
          r.lang = LOCALES[grammar.language];
          r.maxAlternatives = 5;
          r.interimResults = false;
          r.onresult = (e) => {
            const alts = Array.from(e.results[0] ?? []).map((a) => ({ text: a.transcript.trim(), confidence: a.confidence || 0.5 }));
            if (alts.length > 0) finish({ kind: 'speech', text: alts[0]!.text, confidence: alts[0]!.confidence, alternatives: alts.slice(1) });
          };
          r.onerror = (e) => {
            if (e.error === 'not-allowed') bridge.microphone = false;
          };
          pending.recognition = r;
          try {
            r.start();
          } catch {
            // The text box still answers.
          }
        }
      });
    },
    cancelListen() {
      finish({ kind: 'error', code: 'cancelled', message: 'cancelled' });
    },
    answer(text) {
      const t = text.trim();
      if (t) finish({ kind: 'speech', text: t, confidence: 1, alternatives: [] });
    },
    typing: arm,
    earcon(kind) {
      try {
        audio ??= new AudioContext();
        const osc = audio.createOscillator();
        osc.frequency.value = kind === 'error' ? 220 : kind === 'ok' ? 660 : 880;
        osc.connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + 0.08);
      } catch {
        // No audio: the screen is enough.
      }
    },
    vibrate(ms) {
      navigator.vibrate?.(ms);
    },
    async deviceInfo() {
      let battery: number | null = null;
      let charging: boolean | null = null;
      const nav = navigator as Navigator & { getBattery?: () => Promise<{ level: number; charging: boolean }> };
      try {
        const b = await nav.getBattery?.();
        if (b) {
          battery = Math.round(b.level * 100);
          charging = b.charging;
        }
      } catch {
        // Not offered by this browser.
      }
      return { model: 'browser', os: navigator.userAgent.slice(0, 200), shellVersion: 'web', battery, charging, wifi: null, recognizer: bridge.microphone ? 'web-speech' : 'keyboard' };
    },
    network: async () => networkState(),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    storage: {
      get: async (key) => localStorage.getItem(key),
      set: async (key, value) => localStorage.setItem(key, value),
      remove: async (key) => localStorage.removeItem(key),
    },
  };
  return bridge;
}
