/**
 * JSON Schema (2020-12, the keywords machine.schema.json uses) compiled once into closures: no
 * code is generated at run time (CSP, QuickJS). It replaced Ajv's standalone code, which was
 * ~7.6 KiB of the IIFE's min+gzip; the schema itself is ~1.6 KiB. Errors are Ajv's, in Ajv's
 * order (`allErrors`): keywords run in Ajv's rule order (typeless ones first, then the number,
 * string, array and object groups), a type error comes first or, for a single type with
 * keywords of its group, where that group would run. schema.test.ts compares both on thousands
 * of mutated machines.
 */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** Set on the errors of a `propertyNames` subschema: the offending key. */
  propertyName?: string;
}

type Schema = boolean | { [keyword: string]: unknown };

/** Where the walk is: the path as segments (joined only for an error) and the errors so far. */
interface Run {
  path: (string | number)[];
  errors: SchemaError[];
  /** Inside an `if` condition: only whether it fails counts, so failures are counted, not worded. */
  quiet: boolean;
  quietFailures: number;
}

type Check = (data: unknown, run: Run) => void;

const escape = (key: string | number) =>
  typeof key === 'number' || (key.indexOf('~') < 0 && key.indexOf('/') < 0) ? key : key.replace(/~/g, '~0').replace(/\//g, '~1');

function fail(run: Run, keyword: string, params: Record<string, unknown>): void {
  if (run.quiet) {
    run.quietFailures++;
    return;
  }
  const path = run.path;
  let instancePath = '';
  for (let i = 0; i < path.length; i++) instancePath += '/' + escape(path[i]!);
  run.errors.push({ instancePath, schemaPath: '', keyword, params });
}

const isObject = (d: unknown): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d);

const TYPE_TESTS: Record<string, (d: unknown) => boolean> = {
  string: (d) => typeof d === 'string',
  // Ajv with `strict: false` (so `strictNumbers: false`): no isFinite check.
  number: (d) => typeof d === 'number',
  integer: (d) => typeof d === 'number' && !(d % 1) && !isNaN(d),
  boolean: (d) => typeof d === 'boolean',
  null: (d) => d === null,
  object: isObject,
  array: Array.isArray,
};

/** Ajv's keyword groups and, within each, its rule order (vocabularies as registered for 2020-12). */
const GROUPS: { type?: string; keywords: string[] }[] = [
  { keywords: ['$ref', 'const', 'enum', 'oneOf', 'allOf', 'if'] },
  { type: 'number', keywords: ['maximum', 'minimum'] },
  { type: 'string', keywords: ['minLength', 'pattern'] },
  // `items` is registered before `uniqueItems` (Ajv's `before`).
  { type: 'array', keywords: ['maxItems', 'minItems', 'items', 'uniqueItems'] },
  { type: 'object', keywords: ['minProperties', 'required', 'propertyNames', 'additionalProperties', 'properties'] },
];
const KNOWN = new Set([...GROUPS.flatMap((g) => g.keywords), 'type', 'then', '$defs', 'description', 'title', '$id', '$schema', '$comment']);

/** Code points, a surrogate pair as one (Ajv's ucs2length). */
function length(str: string): number {
  let n = 0;
  for (let i = 0; i < str.length; n++) {
    const c = str.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < str.length && (str.charCodeAt(i) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** Ajv's deep equality as the generated validator had it (JSON text), objects only. */
const equal = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

export function compileSchema(root: Schema): ((data: unknown) => boolean) & { errors: SchemaError[] | null } {
  const refs = new Map<string, Check>();

  function ref(pointer: string): Check {
    let check = refs.get(pointer);
    if (!check) {
      // Compiled on first use and shared: recursive definitions (states inside states) reuse it.
      let compiled: Check = (d, run) => (compiled = compile(resolve(pointer)))(d, run);
      check = (d, run) => compiled(d, run);
      refs.set(pointer, check);
    }
    return check;
  }

  function resolve(pointer: string): Schema {
    if (!pointer.startsWith('#/')) throw new Error(`schema: unsupported $ref ${pointer}`);
    let at: unknown = root;
    for (const key of pointer.slice(2).split('/')) at = (at as Record<string, unknown>)[key];
    if (at === undefined) throw new Error(`schema: $ref ${pointer} resolves to nothing`);
    return at as Schema;
  }

  function compile(schema: Schema): Check {
    if (schema === true) return () => {};
    if (schema === false) return (_d, run) => fail(run, 'false schema', {});
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`schema: keyword "${k}" is not supported by src/schema-validator.ts`);
    const s = schema;
    if (s.$ref !== undefined && Object.keys(s).every((k) => k === '$ref' || k === 'description' || k === 'title' || k === '$comment')) return ref(s.$ref as string);
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const hasGroup = (g: (typeof GROUPS)[number]) => g.keywords.some((k) => s[k] !== undefined);
    const single = types.length === 1 ? GROUPS.find((g) => g.type === types[0]) : undefined;
    const typeInGroup = single !== undefined && hasGroup(single);
    const typeParam = { type: s.type };
    const steps: Check[] = [];
    if (types.length > 0 && !typeInGroup) {
      const tests = types.map((t) => TYPE_TESTS[t]!);
      steps.push((d, run) => {
        if (!tests.some((t) => t(d))) fail(run, 'type', typeParam);
      });
    }
    for (const group of GROUPS) {
      if (!hasGroup(group)) continue;
      const checks = group.keywords.filter((k) => s[k] !== undefined).map((k) => keyword(k, s));
      const inner: Check = (d, run) => {
        for (let i = 0; i < checks.length; i++) checks[i]!(d, run);
      };
      if (!group.type) {
        steps.push(inner);
        continue;
      }
      const test = TYPE_TESTS[group.type]!;
      const typeError = typeInGroup && single === group;
      steps.push((d, run) => {
        if (test(d)) inner(d, run);
        else if (typeError) fail(run, 'type', typeParam);
      });
    }
    if (steps.length === 1) return steps[0]!;
    return (d, run) => {
      for (let i = 0; i < steps.length; i++) steps[i]!(d, run);
    };
  }

  /** Whether `check` accepts `d`, its errors dropped (Ajv's `if`). */
  const passes = (check: Check, d: unknown, run: Run) => {
    const before = run.quietFailures;
    const quiet = run.quiet;
    run.quiet = true;
    check(d, run);
    run.quiet = quiet;
    return run.quietFailures === before;
  };
  /** Errors after `before` dropped (a `oneOf` with one passing branch). */
  const drop = (run: Run, before: number) => {
    if (run.errors.length > before) run.errors.length = before;
  };
  /** Failures so far: errors, or in a quiet run the failure count. */
  const failures = (run: Run) => (run.quiet ? run.quietFailures : run.errors.length);

  function keyword(k: string, s: Record<string, unknown>): Check {
    const value = s[k];
    switch (k) {
      case '$ref':
        return ref(value as string);
      case 'const': {
        const params = { allowedValue: value };
        return (d, run) => {
          if (!equal(d, value)) fail(run, 'const', params);
        };
      }
      case 'enum': {
        const values = value as unknown[];
        const params = { allowedValues: values };
        return (d, run) => {
          for (let i = 0; i < values.length; i++) if (equal(d, values[i])) return;
          fail(run, 'enum', params);
        };
      }
      case 'oneOf': {
        const branches = (value as Schema[]).map((b) => (b === true ? null : compile(b)));
        return (d, run) => {
          const before = failures(run);
          let valid = false;
          let passing: unknown = null;
          for (let i = 0; i < branches.length; i++) {
            const branch = branches[i]!;
            const at = failures(run);
            if (branch !== null) branch(d, run);
            const ok = failures(run) === at;
            // Ajv's bookkeeping, quirks included: a second passing branch makes it invalid.
            if (i > 0 && ok && valid) {
              valid = false;
              passing = [passing, i];
            } else if (ok) {
              valid = true;
              passing = i;
            }
          }
          if (valid) {
            if (run.quiet) run.quietFailures = before;
            else drop(run, before);
          }
          else fail(run, 'oneOf', { passingSchemas: passing });
        };
      }
      case 'allOf': {
        const all = (value as Schema[]).filter((x) => x !== true).map(compile);
        return (d, run) => {
          for (let i = 0; i < all.length; i++) all[i]!(d, run);
        };
      }
      case 'if': {
        if (s.then === undefined) return () => {};
        const cond = compile(value as Schema);
        const then = compile(s.then as Schema);
        return (d, run) => {
          if (!passes(cond, d, run)) return;
          const before = failures(run);
          then(d, run);
          if (failures(run) !== before) fail(run, 'if', { failingKeyword: 'then' });
        };
      }
      case 'maximum': {
        const params = { comparison: '<=', limit: value };
        return (d, run) => {
          if ((d as number) > (value as number)) fail(run, 'maximum', params);
        };
      }
      case 'minimum': {
        const params = { comparison: '>=', limit: value };
        return (d, run) => {
          if ((d as number) < (value as number)) fail(run, 'minimum', params);
        };
      }
      case 'minLength': {
        const params = { limit: value };
        return (d, run) => {
          if (length(d as string) < (value as number)) fail(run, 'minLength', params);
        };
      }
      case 'pattern': {
        const re = new RegExp(value as string, 'u');
        const params = { pattern: value };
        return (d, run) => {
          if (!re.test(d as string)) fail(run, 'pattern', params);
        };
      }
      case 'maxItems':
      case 'minItems': {
        const params = { limit: value };
        const max = k === 'maxItems';
        return (d, run) => {
          const n = (d as unknown[]).length;
          if (max ? n > (value as number) : n < (value as number)) fail(run, k, params);
        };
      }
      case 'uniqueItems':
        if (value !== true) return () => {};
        return (d, run) => {
          const a = d as unknown[];
          for (let i = a.length; i-- > 1; ) {
            for (let j = i; j--; ) {
              if (equal(a[i], a[j])) {
                fail(run, 'uniqueItems', { i, j });
                return;
              }
            }
          }
        };
      case 'items': {
        const item = compile(value as Schema);
        return (d, run) => {
          const a = d as unknown[];
          for (let i = 0; i < a.length; i++) {
            run.path.push(i);
            item(a[i], run);
            run.path.pop();
          }
        };
      }
      case 'minProperties': {
        const params = { limit: value };
        return (d, run) => {
          if (Object.keys(d as object).length < (value as number)) fail(run, 'minProperties', params);
        };
      }
      case 'required': {
        const names = value as string[];
        return (d, run) => {
          for (let i = 0; i < names.length; i++) if ((d as Record<string, unknown>)[names[i]!] === undefined) fail(run, 'required', { missingProperty: names[i] });
        };
      }
      case 'propertyNames': {
        const names = compile(value as Schema);
        return (d, run) => {
          for (const key in d as object) {
            const before = failures(run);
            names(key, run);
            if (failures(run) === before) continue;
            if (!run.quiet) for (let i = before; i < run.errors.length; i++) run.errors[i]!.propertyName = key;
            fail(run, 'propertyNames', { propertyName: key });
          }
        };
      }
      case 'additionalProperties': {
        const declared = s.properties as Record<string, unknown> | undefined;
        const names = new Set(declared === undefined ? [] : Object.keys(declared));
        const known = (key: string) => names.has(key);
        if (value === true) return () => {};
        if (value === false) {
          return (d, run) => {
            for (const key in d as object) if (!known(key)) fail(run, 'additionalProperties', { additionalProperty: key });
          };
        }
        const extra = compile(value as Schema);
        return (d, run) => {
          const o = d as Record<string, unknown>;
          for (const key in o) {
            if (known(key)) continue;
            run.path.push(key);
            extra(o[key], run);
            run.path.pop();
          }
        };
      }
      case 'properties': {
        const props = Object.entries(value as Record<string, Schema>).filter(([, p]) => p !== true && !(typeof p === 'object' && Object.keys(p).length === 0));
        const names = props.map(([name]) => name);
        const checks = props.map(([, p]) => compile(p));
        // A property whose schema is one type alone (most leaves) is tested here: no call, no
        // path segment unless it fails.
        const only = props.map(([, p]) => (typeof p === 'object' && Object.keys(p).length === 1 && typeof p.type === 'string' ? TYPE_TESTS[p.type] : undefined));
        return (d, run) => {
          const o = d as Record<string, unknown>;
          for (let i = 0; i < names.length; i++) {
            const v = o[names[i]!];
            if (v === undefined) continue;
            const test = only[i];
            if (test !== undefined && test(v)) continue;
            run.path.push(names[i]!);
            checks[i]!(v, run);
            run.path.pop();
          }
        };
      }
    }
    throw new Error(`schema: keyword "${k}" is not supported`);
  }

  const top = compile(root);
  const validate = (data: unknown): boolean => {
    const run: Run = { path: [], errors: [], quiet: false, quietFailures: 0 };
    top(data, run);
    validate.errors = run.errors.length ? run.errors : null;
    return run.errors.length === 0;
  };
  validate.errors = null as SchemaError[] | null;
  return validate;
}
