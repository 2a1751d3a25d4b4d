/**
 * ed25519 keys, signatures and the full check of a package (node:crypto: Node only, the
 * server and the CLI). A public key travels as its 32 raw bytes in base64url (a JWK's `x`).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { checkItems, manifestBytes, PackageError, type Manifest, type PackageFile, type PackageSignature } from './format.js';

export interface InstallationKeys {
  /** base64url of the 32 raw bytes. */
  publicKey: string;
  /** PKCS#8 PEM: stays in the installation's database, never in an answer or a log. */
  privateKeyPem: string;
}

export function generateKeys(): InstallationKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

const rawPublicKey = (key: KeyObject): string => key.export({ format: 'jwk' }).x!;

/** The key object of a base64url public key, or undefined when it is not an ed25519 key. */
export function publicKeyObject(publicKey: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey)) return undefined;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** What a person compares over the phone: the first 16 bytes of the key's sha256, hex in groups of 4. */
export function keyFingerprint(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 32).match(/.{4}/g)!.join(':');
}

export function signManifest(manifest: Manifest, privateKeyPem: string): PackageSignature {
  const key = createPrivateKey(privateKeyPem);
  const value = sign(null, Buffer.from(manifestBytes(manifest), 'utf8'), key).toString('base64url');
  return { algorithm: 'ed25519', publicKey: rawPublicKey(createPublicKey(key)), value };
}

export function signatureValid(manifest: Manifest, signature: PackageSignature): boolean {
  const key = publicKeyObject(signature.publicKey);
  if (!key) return false;
  try {
    return verify(null, Buffer.from(manifestBytes(manifest), 'utf8'), key, Buffer.from(signature.value, 'base64url'));
  } catch {
    return false;
  }
}

export interface TrustedKey {
  name: string;
  publicKey: string;
}

export interface VerifyOptions {
  trusted: readonly TrustedKey[];
  /** This installation's own public key (its own packages are trusted). */
  ownKey?: string;
  /** Refuse an unsigned package, or one signed by a key that is not trusted. */
  requireSignature: boolean;
}

export type Signer =
  | { status: 'own' | 'trusted' | 'untrusted'; name?: string; fingerprint: string }
  | { status: 'unsigned' };

/**
 * Hashes first (a changed item is named), then the signature: a manifest changed after signing
 * is `package_tampered`; unsigned or signed by an unknown key is refused when signatures are
 * required. Answers who signed it.
 */
export function verifyPackage(pkg: PackageFile, opts: VerifyOptions): Signer {
  checkItems(pkg);
  const sig = pkg.signature;
  if (!sig) {
    if (opts.requireSignature) throw new PackageError('package_unsigned', 'the package is not signed, and this installation accepts only signed packages');
    return { status: 'unsigned' };
  }
  if (!signatureValid(pkg.manifest, sig)) {
    throw new PackageError('package_tampered', 'the manifest\'s signature does not verify: the package was changed after it was signed');
  }
  const fingerprint = keyFingerprint(sig.publicKey);
  if (opts.ownKey === sig.publicKey) return { status: 'own', name: 'this installation', fingerprint };
  const known = opts.trusted.find((k) => k.publicKey === sig.publicKey);
  if (known) return { status: 'trusted', name: known.name, fingerprint };
  if (opts.requireSignature) {
    throw new PackageError('package_untrusted', `the package is signed by a key this installation does not trust (fingerprint ${fingerprint}); an admin adds it to the trusted keys first`);
  }
  return { status: 'untrusted', fingerprint };
}
