/**
 * The terminal app's entry: opens the storage, runs a newer downloaded bundle if one is active,
 * picks the bridge (the Android shell's when present, else the browser's), mounts the screen and
 * boots the terminal. Start reading here, then core/terminal.ts.
 */
import type { DialogEvent } from '@voiceman/runtime';
import { nativeBridge, findNativeObject } from './bridge/native.js';
import { webBridge } from './bridge/web.js';
import { openIdbStorage } from './core/idb-storage.js';
import { Terminal } from './core/terminal.js';
import { activeWebBundle } from './core/web-update.js';
import { mountScreen } from './ui/screen.js';
import css from './ui/style.css';

declare const __WEB_VERSION__: string;
declare const __RUNTIME_VERSION__: string;

interface BootGlobals {
  voicemanTerminal?: Terminal;
  /** Browser tests set it before the app loads: every event the runtime emits, as queued. */
  __voicemanAudit?: (event: DialogEvent) => void;
  /** Set by a downloaded bundle's loader so it does not load itself again. */
  voicemanBundle?: string;
}

/** Test and demo knobs: `?rules=ms&heartbeat=ms` (bounded). */
function interval(name: string, fallback: number): number {
  const v = Number(new URLSearchParams(location.search).get(name));
  return Number.isFinite(v) && v >= 200 && v <= 3_600_000 ? v : fallback;
}

async function main() {
  const storage = await openIdbStorage();
  const g = globalThis as BootGlobals;
  if (!g.voicemanBundle) {
    const bundle = await activeWebBundle(storage.kv, __WEB_VERSION__);
    if (bundle) {
      // A verified downloaded update: run it instead of the built-in bundle.
      g.voicemanBundle = bundle.version;
      const script = document.createElement('script');
      script.src = URL.createObjectURL(new Blob([bundle.code], { type: 'text/javascript' }));
      // A bundle that cannot run (a page policy refusing blob: scripts) must not brick the
      // terminal: the built-in one starts instead and says so.
      script.onerror = () => {
        g.voicemanBundle = undefined;
        void start(storage, `Update ${bundle.version} could not start here; running ${__WEB_VERSION__}.`);
      };
      document.head.append(script);
      return;
    }
  }
  await start(storage, null);
}

async function start(storage: Awaited<ReturnType<typeof openIdbStorage>>, notice: string | null) {
  const g = globalThis as BootGlobals;
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const native = findNativeObject();
  const bridge = native ? nativeBridge(native) : webBridge();
  const terminal = new Terminal({
    bridge,
    storage,
    webVersion: __WEB_VERSION__,
    runtimeVersion: __RUNTIME_VERSION__,
    rulesMs: interval('rules', 15_000),
    heartbeatMs: interval('heartbeat', 30_000),
    reload: () => location.reload(),
  });
  g.voicemanTerminal = terminal;
  const audit = g.__voicemanAudit;
  if (typeof audit === 'function') {
    const push = terminal.queue.push.bind(terminal.queue);
    terminal.queue.push = (event) => {
      push(event);
      audit(event);
    };
  }
  mountScreen(document.body, terminal, bridge);
  if (notice) terminal.message('warning', notice);
  await terminal.boot();
}

main().catch((error: unknown) => {
  document.body.textContent = `The terminal could not start: ${(error as Error)?.message ?? String(error)}`;
});
