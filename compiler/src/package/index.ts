/** Update packages (docs/package-format.md): the format, and signing and verifying with ed25519 (Node only). */
export * from './format.js';
export * from './sign.js';
