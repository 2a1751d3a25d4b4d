/**
 * What pairing leaves on the device, in the bridge's durable storage (it survives a wipe of the
 * WebView's data, unlike IndexedDB): the servers to try, the terminal's id and token, its site.
 */
import type { Site } from './rules.js';

export interface TerminalConfig {
  servers: string[];
  terminalId: string;
  token: string;
  site: Site;
}

export const CONFIG_KEY = 'voiceman.terminal.config';

export interface DurableStorage {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export async function readConfig(storage: DurableStorage): Promise<TerminalConfig | null> {
  const text = await storage.get(CONFIG_KEY);
  if (!text) return null;
  try {
    const c = JSON.parse(text) as TerminalConfig;
    return Array.isArray(c.servers) && typeof c.token === 'string' && typeof c.terminalId === 'string' ? c : null;
  } catch {
    return null;
  }
}

/** "http://a:3000, http://b:3000" or one per line → normalised list (http(s) only, no duplicates). */
export function parseServers(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const t = part.trim().replace(/\/+$/, '');
    if (!t) continue;
    let url: URL;
    try {
      url = new URL(t);
    } catch {
      throw new Error(`"${t}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${t}" is not an http(s) URL`);
    const origin = url.origin + url.pathname.replace(/\/+$/, '');
    if (!out.includes(origin)) out.push(origin);
  }
  if (out.length === 0) throw new Error('enter at least one server URL');
  return out;
}
