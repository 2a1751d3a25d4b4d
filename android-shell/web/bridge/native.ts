/**
 * The bridge to the Android shell: JSON messages (contract.ts) over the object the shell injects
 * with WebViewCompat.addWebMessageListener. One pending promise per request id.
 */
import { NATIVE_OBJECT, type Bridge, type DeviceEvent, type DeviceInfo, type Heard, type NativeMessage, type NativeRequest, type NetworkState } from './contract.js';

/** What addWebMessageListener injects: postMessage(string) and message events. */
export interface NativeObject {
  postMessage(message: string): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export function findNativeObject(): NativeObject | null {
  const obj = (globalThis as Record<string, unknown>)[NATIVE_OBJECT] as NativeObject | undefined;
  return obj && typeof obj.postMessage === 'function' ? obj : null;
}

type Pending = { resolve: (m: NativeMessage) => void };
type Omitted<T> = T extends unknown ? Omit<T, 'id'> : never;

export function nativeBridge(native: NativeObject): Bridge {
  let nextId = 1;
  // Barge-in only with a shell that says it can (deviceInfo.bargeIn): an older one would start
  // its silence timeout with the prompt still playing.
  let bargeIn = false;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(e: DeviceEvent) => void>();
  native.onmessage = (event) => {
    let message: NativeMessage;
    try {
      message = JSON.parse(String(event.data)) as NativeMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      for (const l of listeners) l(message.event);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    p.resolve(message);
  };
  const call = (request: Omitted<NativeRequest>): Promise<NativeMessage> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve });
      native.postMessage(JSON.stringify({ ...request, id }));
    });
  const value = async <T>(request: Omitted<NativeRequest>): Promise<T> => {
    const m = await call(request);
    if (m.type === 'error') throw new Error(`${m.code}: ${m.message}`);
    return (m.type === 'ok' ? m.value : undefined) as T;
  };
  const bridge: Bridge = {
    kind: 'native',
    get bargeIn() {
      return bargeIn;
    },
    async speak(text, voice) {
      await value({ type: 'speak', text, voice });
    },
    stopSpeaking: () => void call({ type: 'stopSpeaking' }),
    async listen(grammar, { timeoutMs, duringSpeech }): Promise<Heard> {
      const m = await call({ type: 'listen', grammar, timeoutMs, ...(duringSpeech && bargeIn ? { duringSpeech: true as const } : {}) });
      if (m.type === 'heard') return m.heard;
      if (m.type === 'error') return { kind: 'error', code: 'engine', message: m.message };
      return { kind: 'error', code: 'engine', message: 'unexpected answer to listen' };
    },
    cancelListen: () => void call({ type: 'cancelListen' }),
    earcon: (kind) => void call({ type: 'earcon', kind }),
    vibrate: (ms) => void call({ type: 'vibrate', ms }),
    deviceInfo: () =>
      value<DeviceInfo>({ type: 'deviceInfo' }).then((info) => {
        bargeIn = info?.bargeIn === true;
        return info;
      }),
    network: () => value<NetworkState>({ type: 'network' }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async installApk(offer) {
      await value({ type: 'installApk', ...offer });
    },
    storage: {
      get: (key) => value<string | null>({ type: 'storage.get', key }).then((v) => (typeof v === 'string' ? v : null)),
      set: (key, v) => value<void>({ type: 'storage.set', key, value: v }),
      remove: (key) => value<void>({ type: 'storage.remove', key }),
    },
  };
  // Learn the shell's abilities once at start; a failure leaves barge-in off.
  void bridge.deviceInfo().catch(() => undefined);
  return bridge;
}
