import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped.
 * Two equal values always give the same bytes, so a version's hash identifies its content.
 */
export function canonicalJson(value: unknown): string {
  if (value !== undefined) {
    // Most values (a compiled machine) are in canonical form already: one walk that allocates
    // nothing, then JSON.stringify with no replacer, which calls no JS per value.
    const form = prototypesPlain() ? canonicalFormOf(value, 0) : UNWRITABLE;
    if (form !== UNWRITABLE) return JSON.stringify(form);
    try {
      return JSON.stringify(value, sortKeys);
    } catch {
      // Not plain JSON (NaN, a function, a cycle, a toJSON, a boxed primitive, an integer-like
      // key out of order): the reference writer below gives the bytes or the error.
    }
  }
  return canonicalJsonReference(value);
}

/**
 * `value` with every object's keys in code-unit order, so that plain JSON.stringify writes its
 * canonical JSON: `value` itself when it is so already (nothing copied), else copies of the
 * objects out of order and of the objects and arrays above them; `value` is never modified.
 * The compiler passes flow data it puts into a machine through it, so that the whole machine
 * is canonical and canonicalJson copies nothing. A value the fast path cannot write (see
 * canonicalJson) comes back as it is.
 */
export function canonicalForm<T>(value: T): T {
  const form = prototypesPlain() ? canonicalFormOf(value, 0) : UNWRITABLE;
  return form === UNWRITABLE ? value : (form as T);
}

const UNWRITABLE = Symbol('unwritable');

/** No toJSON every plain object or array would inherit (JSON.stringify would call it). */
const prototypesPlain = (): boolean => !('toJSON' in Object.prototype) && !('toJSON' in Array.prototype);
/** Deeper than any machine or flow (the flow schema allows 64): left to the reference writer. */
const MAX_FORM_DEPTH = 200;

/** The canonical form, or UNWRITABLE for anything JSON.stringify would write otherwise than the reference writer. */
function canonicalFormOf(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : UNWRITABLE;
    case 'object':
      break;
    default:
      return UNWRITABLE;
  }
  if (value === null) return null;
  if (depth > MAX_FORM_DEPTH) return UNWRITABLE; // a cycle, or absurdly deep
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || Object.hasOwn(value, 'toJSON')) return UNWRITABLE;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) continue; // written as null either way
      const form = canonicalFormOf(item, depth + 1);
      if (form === UNWRITABLE) return UNWRITABLE;
      if (form !== item) (copy ??= value.slice())[i] = form;
    }
    return copy ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNWRITABLE; // boxed primitives, class instances
  const record = value as Record<string, unknown>;
  // for-in lists a plain object's own keys in Object.keys order without an array per object.
  let sorted = true;
  let digit = false;
  let previous: string | undefined;
  let changed: Map<string, unknown> | undefined;
  for (const key in record) {
    // JSON.stringify would call a toJSON (the writer ignores it). An enumerable own one is seen
    // here, an inherited one by canonicalJson; a non-enumerable own one on a plain object is not
    // looked for: that lookup per object (Object.hasOwn) would double the walk's time.
    if (key === 'toJSON') return UNWRITABLE;
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57) digit = true;
    if (previous !== undefined && previous > key) sorted = false;
    previous = key;
    const member = record[key];
    if (member === undefined) continue; // dropped either way
    const form = canonicalFormOf(member, depth + 1);
    if (form === UNWRITABLE) return UNWRITABLE;
    if (form !== member) (changed ??= new Map()).set(key, form);
  }
  if (sorted && !changed) return value;
  // An object lists integer-like keys first, in numeric order, whatever the insertion order.
  if (!sorted && digit) return UNWRITABLE;
  const keys = Object.keys(record);
  if (!sorted) sortInPlace(keys);
  // Only an own "__proto__" key needs a prototype-less copy to stay a key.
  const copy: Record<string, unknown> = Object.hasOwn(record, '__proto__') ? Object.create(null) : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    copy[key] = changed?.has(key) ? changed.get(key) : record[key];
  }
  return copy;
}

/** The reference writer alone (slower; tests compare the fast path with it). */
export function canonicalJsonReference(value: unknown): string {
  return write(value, []);
}

/**
 * Native JSON.stringify with keys sorted: 3× faster than the writer below on a 10,000-state
 * machine, with no garbage that outlives one object (a sorted copy only of an object whose keys
 * are out of order). It refuses (throws) whatever the reference writer might write differently.
 */
function sortKeys(this: unknown, key: string, value: unknown): unknown {
  if ((this as Record<string, unknown>)[key] !== value) throw new TypeError('toJSON'); // the writer ignores toJSON
  if (typeof value !== 'object') {
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' && typeof value !== 'boolean' && value !== undefined) throw new TypeError('not JSON');
    return value;
  }
  if (value === null || Array.isArray(value)) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object'); // boxed primitives
  // Sorted already (most objects): checked with for-in, which lists the same keys in the same
  // order as Object.keys here (a plain object's prototype has no enumerable keys) without an
  // array per object.
  let sorted = true;
  let digit = false;
  let previous: string | undefined;
  for (const key in value) {
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57) digit = true;
    if (previous !== undefined && previous > key) sorted = false;
    previous = key;
  }
  if (sorted) return value;
  const keys = Object.keys(value);
  // An object lists integer-like keys first, in numeric order, whatever the insertion order.
  if (digit) throw new TypeError('integer-like keys');
  sortInPlace(keys);
  // A literal-born object takes the fast (shared hidden class) path; only an own "__proto__"
  // key needs a prototype-less copy to stay a key.
  const copy: Record<string, unknown> = Object.hasOwn(value, '__proto__') ? Object.create(null) : {};
  for (let i = 0; i < keys.length; i++) copy[keys[i]!] = (value as Record<string, unknown>)[keys[i]!];
  return copy;
}

/**
 * Code-unit order, as `sort()` without a comparator gives for strings. Insertion sort for the few
 * keys of most machine objects: no work array per object (Array.prototype.sort allocates one,
 * a fifth of a 10,000-state compile's garbage).
 */
function sortInPlace(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
}

// The reference writer. `+=` on strings builds ropes that V8 flattens once at the end: far less garbage than an
// array of small strings. `stack` holds the objects being written (cycle check; depth is small).
function write(value: unknown, stack: object[]): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  if (stack.includes(value)) throw new TypeError('canonicalJson: the value is cyclic');
  stack.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += write(item === undefined ? null : item, stack);
    }
    out += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out = '{';
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      out += (first ? '' : ',') + JSON.stringify(key) + ':' + write(member, stack);
      first = false;
    }
    out += '}';
  }
  stack.pop();
  return out;
}

/** The slice of `node:crypto` sha256Hex uses (this module has no Node types: it also runs in browsers). */
interface NativeCrypto {
  createHash(algorithm: 'sha256'): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * Node's own sha256 where there is one (the server, the CLI): ~10× faster than the pure-JS one on
 * a 10,000-state machine's 3 MB, and no copy of its UTF-8 bytes on the JS heap. Browsers (the
 * designer, the terminal app) use @noble/hashes; both give the same digest (tested).
 */
const nativeCrypto: NativeCrypto | undefined = (() => {
  try {
    const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
    return typeof get === 'function' ? (get('node:crypto') as NativeCrypto | undefined) : undefined;
  } catch {
    return undefined;
  }
})();

/** Lower-case hex sha256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  if (typeof text === 'string' && nativeCrypto) return nativeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  return sha256HexPortable(text);
}

/** The pure-JS digest (browsers; tests compare it with the native one). */
export function sha256HexPortable(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
