/**
 * The one contract between the terminal app and the device (android-shell/bridge.md is the prose
 * version). Three implementations: the Android shell (`native.ts`, JSON messages over
 * androidx.webkit's WebMessageListener), the browser (`web.ts`, Web Speech API + a text box),
 * and the e2e fake (`e2e/terminal-fake-bridge.ts`). Everything else is TypeScript above it.
 */
import type { Lang } from '@voiceman/runtime';

export interface Voice {
  language: Lang;
  /** 1 = normal; 0.5 half speed, 2 double. */
  rate: number;
  /** 1 = normal. */
  pitch: number;
  /** 0..1. */
  volume: number;
}

/** What the recogniser may hear: the ask's vocabulary expanded into phrases (see grammar.ts). */
export interface Grammar {
  language: Lang;
  /** Every accepted phrase, lower case; a recogniser may return a sequence of them (digits). */
  phrases: string[];
}

export type Heard =
  | { kind: 'speech'; text: string; confidence: number; alternatives: { text: string; confidence: number }[] }
  | { kind: 'silence' }
  | { kind: 'error'; code: 'busy' | 'no-permission' | 'engine' | 'cancelled'; message: string };

export interface DeviceInfo {
  model: string;
  os: string;
  /** The Java shell's versionName, or "web" in a browser. */
  shellVersion: string;
  /** 0..100, null when unknown. */
  battery: number | null;
  charging: boolean | null;
  /** Wi-Fi: connected, signal in dBm (RSSI) and network name when known; null when unknown. */
  wifi: { connected: boolean; rssi?: number; ssid?: string } | null;
  /** Recognition engine in use ("vosk", "android", "web-speech", "keyboard"). */
  recognizer: string;
  /** The shell listens while it speaks (`listen` with `duringSpeech`); absent in older shells. */
  bargeIn?: boolean;
}

export interface NetworkState {
  online: boolean;
  transport: 'wifi' | 'cellular' | 'ethernet' | 'none' | 'unknown';
}

export type Earcon = 'listen' | 'error' | 'ok';

export type DeviceEvent =
  | { type: 'key'; key: 'ptt' | 'enter' | 'back'; down: boolean }
  | { type: 'network'; state: NetworkState };

/** Options of one listen. */
export interface ListenOptions {
  /** Silence timeout; with `duringSpeech` it counts from the end of the prompt. */
  timeoutMs: number;
  /**
   * Barge-in: a prompt is still playing. Listen now, over it; a hypothesis stops the speech.
   * Sent only to a bridge with `bargeIn` true.
   */
  duringSpeech?: boolean;
}

export interface Bridge {
  readonly kind: 'native' | 'web' | 'fake';
  /**
   * Whether this bridge can listen while it speaks (barge-in). False: every listen comes after
   * the prompt ended, as before barge-in existed.
   */
  readonly bargeIn: boolean;
  /** Resolves when the utterance finished (or was stopped); rejects on an engine error. */
  speak(text: string, voice: Voice): Promise<void>;
  stopSpeaking(): void;
  /** Resolves with speech, silence after `timeoutMs`, or an error (never rejects). */
  listen(grammar: Grammar, options: ListenOptions): Promise<Heard>;
  cancelListen(): void;
  earcon(kind: Earcon): void;
  vibrate(ms: number): void;
  deviceInfo(): Promise<DeviceInfo>;
  network(): Promise<NetworkState>;
  /** Hardware keys and network changes; returns the unsubscribe function. */
  onEvent(listener: (event: DeviceEvent) => void): () => void;
  /**
   * Android only: download a shell update (with this authorization header), check its sha256 and
   * hand it to the package installer. Resolves once handed over (the user may still confirm).
   */
  installApk?(offer: { url: string; sha256: string; authorization: string }): Promise<void>;
  /** Durable key/value storage that survives a WebView data wipe (token, server list). */
  storage: {
    get(key: string): Promise<string | null>;
    set(key: string, value: string): Promise<void>;
    remove(key: string): Promise<void>;
  };
}

/* ---------- JSON messages of the native bridge (page ⇄ shell), one object per message ---------- */

/** Page → shell. Every request carries an `id`; the shell answers with the same `id`. */
export type NativeRequest =
  | { id: number; type: 'speak'; text: string; voice: Voice }
  | { id: number; type: 'stopSpeaking' }
  | { id: number; type: 'listen'; grammar: Grammar; timeoutMs: number; duringSpeech?: true }
  | { id: number; type: 'cancelListen' }
  | { id: number; type: 'earcon'; kind: Earcon }
  | { id: number; type: 'vibrate'; ms: number }
  | { id: number; type: 'deviceInfo' }
  | { id: number; type: 'network' }
  | { id: number; type: 'installApk'; url: string; sha256: string; authorization: string }
  | { id: number; type: 'storage.get'; key: string }
  | { id: number; type: 'storage.set'; key: string; value: string }
  | { id: number; type: 'storage.remove'; key: string };

/** Shell → page: the answer to request `id`, or an unsolicited device event (no `id`). */
export type NativeMessage =
  | { id: number; type: 'ok'; value?: unknown }
  | { id: number; type: 'error'; code: string; message: string }
  | { id: number; type: 'heard'; heard: Heard }
  | ({ type: 'event' } & { event: DeviceEvent });

/** The name of the object the shell injects into the page (WebViewCompat.addWebMessageListener). */
export const NATIVE_OBJECT = 'VoicemanNative';
