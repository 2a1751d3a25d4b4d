/**
 * The update package file (docs/package-format.md): a manifest naming every item with its
 * sha256, an ed25519 signature over the manifest's canonical JSON, and the items. Parsing is
 * framework-free (the designer's console reads a package with it); signing and verifying are in
 * ./sign.ts (node:crypto).
 */
import { canonicalJson, sha256Hex } from '../canonical.js';

export const PACKAGE_FORMAT = 'voiceman-package';
export const PACKAGE_FORMAT_VERSION = 1;
/** Items in one package at most (versions and reference revisions together). */
export const MAX_PACKAGE_ITEMS = 500;

export interface CalleeRef {
  processKey: string;
  number: number;
}

/** A published version as the source installation stored it (its `hash` is its machine's). */
export interface VersionItem {
  kind: 'version';
  processKey: string;
  number: number;
  hash: string;
  note: string;
  author: string;
  createdAt: string;
  callees: CalleeRef[];
  graph: unknown;
  machine: unknown;
}

/** One revision of a reference table that a version froze. */
export interface ReferenceItem {
  kind: 'reference';
  name: string;
  revision: number;
  rows: { key: string; value: string }[];
  updatedAt: string;
  updatedBy: string;
}

export type PackageItem = VersionItem | ReferenceItem;

export type ManifestItem =
  | { kind: 'version'; processKey: string; number: number; hash: string; sha256: string }
  | { kind: 'reference'; name: string; revision: number; sha256: string };

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  formatVersion: number;
  /** The exporting installation's id (its `installation` row). */
  installationId: string;
  createdAt: string;
  items: ManifestItem[];
}

export interface PackageSignature {
  algorithm: 'ed25519';
  /** The signer's public key: the 32 raw bytes, base64url (a JWK's `x`). */
  publicKey: string;
  /** The signature of `canonicalJson(manifest)` (UTF-8), base64url. */
  value: string;
}

export interface PackageFile {
  manifest: Manifest;
  signature?: PackageSignature;
  items: PackageItem[];
}

/** A package that breaks the format; `item` names the item when one is at fault. */
export class PackageError extends Error {
  constructor(
    readonly code: 'invalid_package' | 'unsupported_format' | 'package_tampered' | 'package_unsigned' | 'package_untrusted',
    message: string,
    readonly item?: string,
  ) {
    super(message);
  }
}

/** How a person names an item: `case-picking@3`, `reference bins rev 2`. */
export function itemLabel(item: ManifestItem | PackageItem): string {
  return item.kind === 'version' ? `${item.processKey}@${item.number}` : `reference table ${item.name} revision ${item.revision}`;
}

export const itemSha256 = (item: PackageItem): string => sha256Hex(canonicalJson(item));
/** The bytes the signature covers. */
export const manifestBytes = (manifest: Manifest): string => canonicalJson(manifest);

/** The manifest entry of an item. */
export function manifestItem(item: PackageItem): ManifestItem {
  const sha256 = itemSha256(item);
  return item.kind === 'version'
    ? { kind: 'version', processKey: item.processKey, number: item.number, hash: item.hash, sha256 }
    : { kind: 'reference', name: item.name, revision: item.revision, sha256 };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2_147_483_647;
const isText = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;
const KEY = /^[a-z][a-z0-9_-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
/** A timestamp as `Date.prototype.toISOString` writes it (PostgreSQL reads it as is). */
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && !Number.isNaN(Date.parse(v));

function fail(message: string, item?: string): never {
  throw new PackageError('invalid_package', message, item);
}

function checkVersion(v: Record<string, unknown>, where: string): VersionItem {
  if (!isText(v.processKey, 64) || !KEY.test(v.processKey)) fail(`${where}: processKey is not a process key`);
  if (!isCount(v.number)) fail(`${where}: number must be a whole number ≥ 1`);
  const label = `${v.processKey}@${v.number}`;
  if (!isText(v.hash) || !HEX64.test(v.hash)) fail(`${label}: hash must be 64 hex digits`, label);
  if (!isText(v.note) || !isText(v.author, 200) || !isIsoTime(v.createdAt)) fail(`${label}: note and author must be text, createdAt an ISO time`, label);
  if (!Array.isArray(v.callees) || !v.callees.every((c) => isObject(c) && isText(c.processKey, 64) && KEY.test(c.processKey) && isCount(c.number))) {
    fail(`${label}: callees must be a list of {processKey, number}`, label);
  }
  if (!isObject(v.graph) || !isObject(v.machine)) fail(`${label}: graph and machine must be objects`, label);
  return v as unknown as VersionItem;
}

function checkReference(r: Record<string, unknown>, where: string): ReferenceItem {
  if (!isText(r.name, 64) || !KEY.test(r.name)) fail(`${where}: name is not a reference table name`);
  if (!isCount(r.revision)) fail(`${where}: revision must be a whole number ≥ 1`);
  const label = `reference table ${r.name} revision ${r.revision}`;
  if (!Array.isArray(r.rows) || r.rows.length > 10_000 || !r.rows.every((row) => isObject(row) && isText(row.key, 200) && isText(row.value, 2000))) {
    fail(`${label}: rows must be at most 10,000 {key, value} texts`, label);
  }
  if (!isIsoTime(r.updatedAt) || !isText(r.updatedBy, 200)) fail(`${label}: updatedAt must be an ISO time, updatedBy text`, label);
  return r as unknown as ReferenceItem;
}

function checkManifestItem(m: unknown, i: number): ManifestItem {
  const where = `manifest item ${i + 1}`;
  if (!isObject(m)) fail(`${where} is not an object`);
  if (!isText(m.sha256) || !HEX64.test(m.sha256)) fail(`${where}: sha256 must be 64 hex digits`);
  if (m.kind === 'version') {
    if (!isText(m.processKey, 64) || !KEY.test(m.processKey) || !isCount(m.number) || !isText(m.hash) || !HEX64.test(m.hash)) fail(`${where}: a version needs processKey, number and hash`);
  } else if (m.kind === 'reference') {
    if (!isText(m.name, 64) || !KEY.test(m.name) || !isCount(m.revision)) fail(`${where}: a reference revision needs name and revision`);
  } else fail(`${where}: kind must be version or reference`);
  return m as unknown as ManifestItem;
}

/**
 * The package's structure, checked (not its hashes or signature: `verifyPackage`). Throws a
 * `PackageError` naming what is wrong: not a package, a format version this code cannot read,
 * a malformed item.
 */
export function parsePackage(value: unknown): PackageFile {
  if (!isObject(value) || !isObject(value.manifest) || !Array.isArray(value.items)) fail('not a Voiceman package: expected {manifest, signature?, items}');
  const m = value.manifest;
  if (m.format !== PACKAGE_FORMAT) fail(`not a Voiceman package: manifest.format must be "${PACKAGE_FORMAT}"`);
  if (m.formatVersion !== PACKAGE_FORMAT_VERSION) {
    throw new PackageError('unsupported_format', `package format version ${JSON.stringify(m.formatVersion)} is not supported (this installation reads version ${PACKAGE_FORMAT_VERSION})`);
  }
  if (!isText(m.installationId, 100) || !isIsoTime(m.createdAt) || !Array.isArray(m.items)) fail('manifest needs installationId, createdAt (an ISO time) and items');
  if (m.items.length > MAX_PACKAGE_ITEMS || value.items.length > MAX_PACKAGE_ITEMS) fail(`a package holds at most ${MAX_PACKAGE_ITEMS} items`);
  const manifestItems = m.items.map(checkManifestItem);
  const items = value.items.map((it, i): PackageItem => {
    const where = `item ${i + 1}`;
    if (!isObject(it)) fail(`${where} is not an object`);
    if (it.kind === 'version') return checkVersion(it, where);
    if (it.kind === 'reference') return checkReference(it, where);
    return fail(`${where}: kind must be version or reference`);
  });
  let signature: PackageSignature | undefined;
  if (value.signature !== undefined && value.signature !== null) {
    const s = value.signature;
    if (!isObject(s) || s.algorithm !== 'ed25519' || !isText(s.publicKey, 100) || !B64URL.test(s.publicKey) || !isText(s.value, 200) || !B64URL.test(s.value)) {
      fail('signature must be {algorithm: "ed25519", publicKey, value} (base64url)');
    }
    signature = { algorithm: 'ed25519', publicKey: s.publicKey, value: s.value };
  }
  const manifest: Manifest = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, installationId: m.installationId, createdAt: m.createdAt, items: manifestItems };
  return { manifest, ...(signature ? { signature } : {}), items };
}

/**
 * Every item against the manifest: each listed once, each sha256 equal to the item's, and each
 * version's hash equal to its machine's (so a version keeps the hash it had at the source).
 * Throws `package_tampered` naming the first item that differs.
 */
export function checkItems(pkg: PackageFile): void {
  const byLabel = new Map<string, PackageItem>();
  for (const item of pkg.items) {
    const label = itemLabel(item);
    if (byLabel.has(label)) throw new PackageError('invalid_package', `${label} appears twice in the package`, label);
    byLabel.set(label, item);
  }
  const listed = new Set<string>();
  for (const entry of pkg.manifest.items) {
    const label = itemLabel(entry);
    if (listed.has(label)) throw new PackageError('invalid_package', `${label} appears twice in the manifest`, label);
    listed.add(label);
    const item = byLabel.get(label);
    if (!item) throw new PackageError('package_tampered', `${label} is listed in the manifest but missing from the package`, label);
    if (itemSha256(item) !== entry.sha256) throw new PackageError('package_tampered', `${label} does not match its sha256 in the manifest: the item was changed after export`, label);
    if (item.kind === 'version' && (entry.kind !== 'version' || entry.hash !== item.hash || sha256Hex(canonicalJson(item.machine)) !== item.hash)) {
      throw new PackageError('package_tampered', `${label}: its machine does not have the hash ${item.hash.slice(0, 12)} the package states`, label);
    }
  }
  for (const label of byLabel.keys()) {
    if (!listed.has(label)) throw new PackageError('package_tampered', `${label} is in the package but not in its manifest`, label);
  }
}
