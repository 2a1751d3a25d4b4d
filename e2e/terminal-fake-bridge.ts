/**
 * The Android shell's double for browser tests: installed in the page before the app loads
 * (page.addInitScript), it is `window.VoicemanNative` speaking the native JSON protocol of
 * android-shell/bridge.md, so the app runs its native bridge exactly as on a device. It honours
 * the whole contract: one answer per request, speak done per utterance, listen answered from a
 * script of operator utterances with a grammar recogniser's behaviour (words outside the grammar
 * come back as an empty, zero-confidence hypothesis, as Vosk's "[unk]"), silence on `null` (and,
 * when `honourTimeouts` is set, after `timeoutMs`), `busy` for a second listen, cancelListen,
 * durable storage (localStorage under its own prefix, surviving reloads like SharedPreferences),
 * device info, network state and key events. Everything spoken is recorded. With `bargeIn` set
 * before the app loads its device info it reports a shell that listens while it speaks, and
 * records each listen's `duringSpeech` (utterances are done at once here, so nothing is cut).
 */
export interface FakeBridgeState {
  spoken: { text: string; voice: { language: string; rate: number; pitch: number; volume: number } }[];
  grammars: { language: string; phrases: string[] }[];
  script: (string | null)[];
  listening: boolean;
  honourTimeouts: boolean;
  /** Report barge-in in deviceInfo (a shell of bridge version 2). */
  bargeIn: boolean;
  /** `duringSpeech` of every listen, in order. */
  duringSpeech: boolean[];
  requests: string[];
  earcons: string[];
  say(...lines: (string | null)[]): void;
  key(key: 'ptt' | 'enter' | 'back', down?: boolean): void;
  network(online: boolean): void;
}

/** Runs in the page (serialised by Playwright): no closures over test code. */
export function installFakeBridge(): void {
  type Msg = Record<string, unknown> & { id: number; type: string };
  const w = window as unknown as { VoicemanNative: unknown; __fake: FakeBridgeState };
  const prefix = 'fake-native:';
  let pendingListen: { id: number; phrases: Set<string>; timer: ReturnType<typeof setTimeout> | null } | null = null;
  let onmessage: ((e: { data: string }) => void) | null = null;
  const reply = (m: Record<string, unknown>) => setTimeout(() => onmessage?.({ data: JSON.stringify(m) }), 0);
  const words = (phrases: string[]) => new Set(phrases.flatMap((p) => p.toLowerCase().split(/\s+/)));
  const heardFor = (line: string | null, vocabulary: Set<string>) => {
    if (line === null) return { kind: 'silence' };
    const text = line.toLowerCase().trim();
    const inGrammar = text.split(/\s+/).every((word) => vocabulary.has(word));
    return inGrammar ? { kind: 'speech', text, confidence: 0.93, alternatives: [] } : { kind: 'speech', text: '', confidence: 0, alternatives: [] };
  };
  const answerListen = () => {
    if (!pendingListen || state.script.length === 0) return;
    const p = pendingListen;
    pendingListen = null;
    state.listening = false;
    if (p.timer) clearTimeout(p.timer);
    reply({ id: p.id, type: 'heard', heard: heardFor(state.script.shift()!, p.phrases) });
  };
  const state: FakeBridgeState = {
    spoken: [], grammars: [], script: [], listening: false, honourTimeouts: false, bargeIn: false, duringSpeech: [], requests: [], earcons: [],
    say(...lines) {
      state.script.push(...lines);
      answerListen();
    },
    key(key, down = true) {
      reply({ type: 'event', event: { type: 'key', key, down } });
    },
    network(online) {
      reply({ type: 'event', event: { type: 'network', state: { online, transport: online ? 'wifi' : 'none' } } });
    },
  };
  const handle = (m: Msg) => {
    state.requests.push(m.type);
    switch (m.type) {
      case 'speak': {
        // Clamped to the bridge's ranges, as the shell's Tts does (bridge.md).
        const v = m.voice as FakeBridgeState['spoken'][number]['voice'];
        const clamp = (x: number, lo: number, hi: number) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : 1);
        const voice = v && { ...v, rate: clamp(v.rate, 0.5, 2), pitch: clamp(v.pitch, 0.5, 2), volume: clamp(v.volume, 0, 1) };
        state.spoken.push({ text: m.text as string, voice });
        return reply({ id: m.id, type: 'ok' });
      }
      case 'stopSpeaking':
        return reply({ id: m.id, type: 'ok' });
      case 'listen': {
        if (pendingListen) return reply({ id: m.id, type: 'heard', heard: { kind: 'error', code: 'busy', message: 'already listening' } });
        const grammar = m.grammar as { language: string; phrases: string[] };
        state.grammars.push(grammar);
        state.duringSpeech.push(m.duringSpeech === true);
        pendingListen = { id: m.id, phrases: words(grammar.phrases), timer: null };
        state.listening = true;
        if (state.honourTimeouts) {
          const p = pendingListen;
          p.timer = setTimeout(() => {
            if (pendingListen !== p) return;
            pendingListen = null;
            state.listening = false;
            reply({ id: p.id, type: 'heard', heard: { kind: 'silence' } });
          }, m.timeoutMs as number);
        }
        return answerListen();
      }
      case 'cancelListen': {
        if (pendingListen) {
          reply({ id: pendingListen.id, type: 'heard', heard: { kind: 'error', code: 'cancelled', message: 'cancelled' } });
          pendingListen = null;
          state.listening = false;
        }
        return reply({ id: m.id, type: 'ok' });
      }
      case 'earcon':
        state.earcons.push(m.kind as string);
        return reply({ id: m.id, type: 'ok' });
      case 'vibrate':
        return reply({ id: m.id, type: 'ok' });
      case 'deviceInfo':
        return reply({ id: m.id, type: 'ok', value: { model: 'Fake TC52', os: 'Android 10', shellVersion: '0.1.0', battery: 87, charging: false, wifi: { connected: true, rssi: -61, ssid: 'WAREHOUSE' }, recognizer: 'vosk', ...(state.bargeIn ? { bargeIn: true } : {}) } });
      case 'network':
        return reply({ id: m.id, type: 'ok', value: { online: navigator.onLine, transport: 'wifi' } });
      case 'storage.get':
        return reply({ id: m.id, type: 'ok', value: localStorage.getItem(prefix + (m.key as string)) });
      case 'storage.set':
        localStorage.setItem(prefix + (m.key as string), m.value as string);
        return reply({ id: m.id, type: 'ok' });
      case 'storage.remove':
        localStorage.removeItem(prefix + (m.key as string));
        return reply({ id: m.id, type: 'ok' });
      default:
        return reply({ id: m.id, type: 'error', code: 'unknown', message: `unknown request ${m.type}` });
    }
  };
  w.__fake = state;
  w.VoicemanNative = {
    postMessage(text: string) {
      handle(JSON.parse(text) as Msg);
    },
    get onmessage() {
      return onmessage;
    },
    set onmessage(fn: ((e: { data: string }) => void) | null) {
      onmessage = fn;
    },
  };
}
