import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalJson, canonicalJsonReference, sha256Hex, sha256HexPortable } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });

  it('is the same for any key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes the same bytes as the reference writer, whatever the key order, integer-like keys included', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.nat({ max: 120 }).map(String), fc.constantFrom('__proto__', 'a', 'b', '10', '9', '0a', '01'));
    const value = fc.letrec<{ json: unknown }>((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
        fc.array(tie('json'), { maxLength: 4 }),
        fc.array(fc.tuple(key, tie('json')), { maxLength: 6 }).map((entries) => {
          const o: Record<string, unknown> = {};
          for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          return o;
        }),
      ),
    })).json;
    const outcome = (write: (v: unknown) => string, v: unknown) => {
      try {
        return write(v);
      } catch (error) {
        return `throws ${(error as Error).message}`;
      }
    };
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(canonicalJson, v)).toBe(outcome(canonicalJsonReference, v));
      }),
      { numRuns: 500 },
    );
    // Out-of-order integer-like keys go to the reference writer; still sorted as strings.
    expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    const unsortedCycle: Record<string, unknown> = { z: 1 };
    unsortedCycle.a = { y: 1, x: unsortedCycle };
    expect(() => canonicalJson(unsortedCycle)).toThrow(/cyclic/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
    // What JSON.stringify would turn into something else is written as the writer always did.
    expect(canonicalJson({ d: new Date(0), s: Object('ab') })).toBe('{"d":{},"s":{"0":"a","1":"b"}}');
  });
});

describe('canonicalForm', () => {
  it('is the value itself when every key is in order, else sorted copies of only what is out of order; never modifies the value', () => {
    const inner = { a: 1, b: [{ c: 2 }] };
    const sorted = { x: inner, y: 'z' };
    expect(canonicalForm(sorted)).toBe(sorted);
    const unsorted = { b: { d: 1, c: 2 }, a: inner };
    const before = JSON.stringify(unsorted);
    const form = canonicalForm(unsorted);
    expect(Object.keys(form)).toEqual(['a', 'b']);
    expect(Object.keys(form.b)).toEqual(['c', 'd']);
    expect(form.a).toBe(inner); // in order: shared, not copied
    expect(JSON.stringify(unsorted)).toBe(before);
    // Or the value as it is, when plain JSON.stringify could not write it canonically (an
    // integer-like key out of order): canonicalJson then takes its other paths.
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const form = canonicalForm(value);
        if (form !== value || JSON.stringify(value) === canonicalJsonReference(value)) expect(JSON.stringify(form)).toBe(canonicalJsonReference(value));
      }),
    );
  });

  it('leaves what plain JSON.stringify would write otherwise to the reference writer', () => {
    for (const odd of [{ z: { toJSON: () => 'x', b: 1 }, a: 1 }, { z: new Date(0), a: 1 }, { z: Number.NaN, a: 1 }, { z: [Object('s')], a: 1 }]) expect(canonicalForm(odd)).toBe(odd);
    expect(canonicalJson({ z: [new Date(0)], a: 1 })).toBe('{"a":1,"z":[{}]}');
  });
});

describe('sha256Hex', () => {
  it('matches the standard test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexPortable('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it("Node's native digest and the browsers' pure-JS one agree on any text (astral characters, lone surrogates, megabytes)", () => {
    // Any UTF-16 code units, lone surrogates included (both write U+FFFD for those).
    const units = fc.sample(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }), { numRuns: 200, seed: 17 });
    for (const u of units) {
      const text = String.fromCharCode(...u);
      expect(sha256Hex(text), JSON.stringify(text)).toBe(sha256HexPortable(text));
    }
    for (const text of ['\ud800', 'a\udfffb', '\u{1F600}'.repeat(1000), 'é'.repeat(300_000)]) expect(sha256Hex(text)).toBe(sha256HexPortable(text));
  });
});
