import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../canonical.js';
import { manifestItem, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, parsePackage, type PackageFile, type PackageItem } from './format.js';
import { generateKeys, keyFingerprint, signManifest, verifyPackage } from './sign.js';

const machine = { id: 'p', meta: { vm: { reference: {} } } };
const items: PackageItem[] = [
  { kind: 'version', processKey: 'p', number: 2, hash: sha256Hex(canonicalJson(machine)), note: 'n', author: 'a', createdAt: '2026-12-02T00:00:00.000Z', callees: [], graph: { nodes: [] }, machine },
  { kind: 'reference', name: 'bins', revision: 1, rows: [{ key: 'A1', value: '12' }], updatedAt: '2026-12-02T00:00:00.000Z', updatedBy: 'admin' },
];

function packageOf(keys = generateKeys()): PackageFile {
  const manifest = { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, installationId: 'src', createdAt: '2026-12-02T00:00:00.000Z', items: items.map(manifestItem) } as const;
  return { manifest: { ...manifest, items: [...manifest.items] }, signature: signManifest({ ...manifest, items: [...manifest.items] }, keys.privateKeyPem), items: structuredClone(items) };
}
const roundTrip = (p: PackageFile) => parsePackage(JSON.parse(JSON.stringify(p)));

describe('package signing and verification', () => {
  const keys = generateKeys();
  const trusted = [{ name: 'development', publicKey: keys.publicKey }];

  it('a signed package from a trusted key verifies after a JSON round trip, naming its signer', () => {
    expect(verifyPackage(roundTrip(packageOf(keys)), { trusted, requireSignature: true })).toEqual({ status: 'trusted', name: 'development', fingerprint: keyFingerprint(keys.publicKey) });
  });

  it('refuses a changed item, naming it', () => {
    const p = roundTrip(packageOf(keys));
    (p.items[1] as { rows: unknown[] }).rows.push({ key: 'B2', value: '1' });
    expect(() => verifyPackage(p, { trusted, requireSignature: false })).toThrow(/reference table bins revision 1 does not match its sha256/);
  });

  it('refuses a manifest changed after signing, and a machine that lost its hash', () => {
    const p = roundTrip(packageOf(keys));
    const v = p.items[0] as { machine: { id: string } };
    v.machine.id = 'q';
    p.manifest.items[0] = manifestItem(p.items[0]!);
    expect(() => verifyPackage(p, { trusted, requireSignature: false })).toThrow(/p@2: its machine does not have the hash/);
    const q = roundTrip(packageOf(keys));
    q.manifest.createdAt = '2030-01-01T00:00:00.000Z';
    expect(() => verifyPackage(q, { trusted, requireSignature: false })).toThrow(expect.objectContaining({ code: 'package_tampered' }));
  });

  it('an unsigned package or an unknown signer is refused only where signatures are required', () => {
    const { signature: _, ...unsigned } = packageOf(keys);
    expect(() => verifyPackage(unsigned, { trusted, requireSignature: true })).toThrow(expect.objectContaining({ code: 'package_unsigned' }));
    expect(verifyPackage(unsigned, { trusted, requireSignature: false })).toEqual({ status: 'unsigned' });
    const stranger = packageOf();
    expect(() => verifyPackage(stranger, { trusted, requireSignature: true })).toThrow(expect.objectContaining({ code: 'package_untrusted' }));
    expect(verifyPackage(stranger, { trusted: [], ownKey: stranger.signature!.publicKey, requireSignature: true }).status).toBe('own');
  });

  it('says what is wrong with something that is not a package, or a newer format', () => {
    expect(() => parsePackage({ hello: 1 })).toThrow(/not a Voiceman package/);
    const p = JSON.parse(JSON.stringify(packageOf(keys)));
    p.manifest.formatVersion = 2;
    expect(() => parsePackage(p)).toThrow(expect.objectContaining({ code: 'unsupported_format', message: expect.stringMatching(/format version 2 is not supported/) }));
    const q = JSON.parse(JSON.stringify(packageOf(keys)));
    q.items[0].number = 0;
    expect(() => parsePackage(q)).toThrow(/item 1: number must be a whole number/);
  });
});
