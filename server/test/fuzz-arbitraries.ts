import fc from 'fast-check';

/** The JSON Schema subset our routes use (what `app.swagger()` emits for them). */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

/** Nested objects `depth` deep (built in a loop: a deep literal would overflow the stack here too). */
export function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 });

/** Strings that broke or could break the server: storage (NUL, surrogates), LIKE, HTML, SQL, dates, sizes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '', ' ', '%', '_', '\\', '%_\\', '../../etc/passwd',
    '<script>alert(1)</script>', "'; DROP TABLE users; --", '𝄞', 'NULL', '{}', '2026-02-30', '2026-02-30T25:61', '9'.repeat(40), '-1', 'e'.repeat(201)),
  codeUnits,
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

const boundaryNumber = fc.constantFrom(-1, 0, 1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324);

/** A wrong or malformed value in place of what the schema asks for. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: boundaryNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 1_200 }).map(nested) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

/** Values the schema accepts (mostly), each part now and then replaced by a hostile one. */
export function fromSchema(schema: Schema | undefined, hostileWeight = 1): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: valid(schema ?? {}, hostileWeight) }, { weight: hostileWeight, arbitrary: hostileValue });
}

function valid(s: Schema, w: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (s.nullable && !types.includes('null')) types.push('null');
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...s, type, nullable: false }, w)));
  switch (types[0]) {
    case 'string': {
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      const minLength = s.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, 60));
      return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items, w), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 5, 5)) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, sub]) => [k, fromSchema(sub, w)]));
      const required = (s.required ?? []).filter((k) => k in props);
      const record = fc.record(props, { requiredKeys: required });
      // Now and then a property nobody asked for (refused where additionalProperties is false).
      return fc.tuple(record, fc.option(fc.tuple(hostileString.filter((k) => k.length < 50), hostileValue), { freq: 8 })).map(([r, extra]) =>
        extra ? { ...(r as object), [extra[0]]: extra[1] } : r,
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** A path segment as a client would put it in a URL; a lone surrogate has no UTF-8, so it goes as the bytes a broken client would send. */
export function pathSegment(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined';
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent((s as unknown as { toWellFormed(): string }).toWellFormed()) + '%ED%A0%80';
  }
}
