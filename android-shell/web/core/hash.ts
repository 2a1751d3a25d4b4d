/**
 * A machine's version hash is the sha256 of its canonical JSON, computed by the compiler's own
 * module (one definition; it needs only @noble/hashes, so the terminal bundle stays small
 * without pulling in the compiler).
 */
export { canonicalJson, sha256Hex } from '../../../compiler/src/canonical.js';
import { canonicalJson, sha256Hex } from '../../../compiler/src/canonical.js';

export function machineHash(machine: unknown): string {
  return sha256Hex(canonicalJson(machine));
}
