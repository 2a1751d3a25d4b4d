/**
 * A web-assets update (the terminal bundle) announced by the heartbeat: downloaded with the
 * terminal's token, checked against its sha256, kept as pending, and made active only at a task
 * boundary (no session running); the page then reloads and the boot code runs the active bundle.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HttpError, type ServerClient } from './client.js';
import type { KeyValueStore } from './storage.js';

export interface WebBundle {
  version: string;
  sha256: string;
  code: string;
}

export const PENDING_WEB = 'web:pending';
export const ACTIVE_WEB = 'web:active';

export async function downloadWebUpdate(client: ServerClient, kv: KeyValueStore, offer: { webVersion: string; url: string; sha256: string }): Promise<WebBundle> {
  const path = offer.url.replace(/^https?:\/\/[^/]+/, '');
  const res = await client.request('GET', path, { raw: true });
  if (res.status !== 200) throw new HttpError(res.status, null);
  const bytes = res.body as Uint8Array;
  const actual = bytesToHex(sha256(bytes));
  if (actual !== offer.sha256.toLowerCase()) throw new Error(`web update ${offer.webVersion} refused: sha256 ${actual.slice(0, 12)} differs from ${offer.sha256.slice(0, 12)}`);
  const bundle: WebBundle = { version: offer.webVersion, sha256: actual, code: new TextDecoder().decode(bytes) };
  await kv.set(PENDING_WEB, JSON.stringify(bundle));
  return bundle;
}

/** At a boundary: the pending bundle becomes the active one. True when the page should reload. */
export async function activatePendingWeb(kv: KeyValueStore): Promise<boolean> {
  const pending = await kv.get(PENDING_WEB);
  if (!pending) return false;
  await kv.set(ACTIVE_WEB, pending);
  await kv.remove(PENDING_WEB);
  return true;
}

/** The active bundle if it is another version than the running one and still intact. */
export async function activeWebBundle(kv: KeyValueStore, runningVersion: string): Promise<WebBundle | null> {
  const text = await kv.get(ACTIVE_WEB);
  if (!text) return null;
  const bundle = JSON.parse(text) as WebBundle;
  if (bundle.version === runningVersion) return null;
  if (bytesToHex(sha256(new TextEncoder().encode(bundle.code))) !== bundle.sha256) {
    await kv.remove(ACTIVE_WEB);
    return null;
  }
  return bundle;
}
