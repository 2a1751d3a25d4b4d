// Precompiles schema/machine.schema.json into plain validation code (Ajv standalone) at build
// time: no code is generated at run time, so it runs under CSP and in QuickJS, and it is fast.
// Messages are off (src/schema.ts words them from keyword and params). Refs are inlined: as
// functions, every state, action and transition paid a call with a fresh options object and
// path string; inlined, a 500-state machine validates in half the time (1.1 -> 0.5 ms median)
// for 0.6 KiB more min+gzip. Run after editing the schema: `node scripts/gen-validator.mjs`;
// a test fails when stale.
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function generateValidator() {
  const schema = JSON.parse(readFileSync(`${root}/schema/machine.schema.json`, 'utf8'));
  const ajv = new Ajv2020.default({ allErrors: true, strict: false, inlineRefs: true, messages: false, code: { source: true, esm: true, lines: false, optimize: 3 } });
  const validate = ajv.compile(schema);
  // Ajv's standalone code requires two tiny runtime helpers; inline them so the module is plain
  // ESM with no imports (bundles into the IIFE, loads in QuickJS).
  const code = standaloneCode
    .default(ajv, validate)
    .replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, '__ucs2length')
    .replace(/require\("ajv\/dist\/runtime\/equal"\)\.default/g, '__equal');
  if (/require\(/.test(code)) throw new Error('generated validator still requires a module');
  const lean = inlineSchemaReferences(code)
    .replace(/schemaPath:"[^"]*"/g, 'schemaPath:""')
    // Every error site names its own `errN` and repeats a four-branch push; one shape for all
    // of them compresses far better (same errors, same order).
    .replace(
      /const (err\d+) = \{instancePath(?::([^;{}]*?))?,schemaPath:"",keyword:("\w+"),params:(\{[^{};]*\})\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g,
      (_, _err, path, keyword, params) => `vErrors = __error(vErrors, ${path ?? 'instancePath'}, ${keyword}, ${params});errors++;`,
    )
    // The same for the inner errors of `propertyNames` (they carry the key as `propertyName`).
    .replace(
      /const (err\d+) = \{instancePath(?::([^;{}]*?))?,schemaPath:"",keyword:("\w+"),params:(\{[^{};]*\}),propertyName:(key\d+)\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g,
      (_, _err, path, keyword, params, key) => `vErrors = __error(vErrors, ${path ?? 'instancePath'}, ${keyword}, ${params}, ${key});errors++;`,
    )
    // JSON-pointer escaping of a key in an error path, written out at every site by Ajv: one helper.
    .replace(/(\w+)\.replace\(\/~\/g, "~0"\)\.replace\(\/\\\/\/g, "~1"\)/g, '__escape($1)')
    // Subschema calls pass only the path: Ajv's options object (parent data, root data, dynamic
    // anchors, none of which this schema reads) was one more object per state, action and
    // transition on every validation, and a `dynamicAnchors = {}` default per call.
    .replace(/\{instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors=\{\}\}=\{\}/g, 'instancePath=""')
    .replace(/\{instancePath:([^,{}]+),parentData:[^,{}]+,parentDataProperty:[^,{}]+,rootData,dynamicAnchors\}/g, '$1')
    .replace(/\{instancePath,parentData,parentDataProperty,rootData,dynamicAnchors\}/g, 'instancePath')
    // Which properties a subschema evaluated matters only to `unevaluatedProperties`, which the
    // schema does not use: nothing reads `validateN.evaluated`.
    .replace(/const (evaluated\d+) = validate\d+\.evaluated;if\(\1\.dynamicProps\)\{\1\.props = undefined;\}if\(\1\.dynamicItems\)\{\1\.items = undefined;\}/g, '')
    .replace(/evaluated\d+\.(props|items) = (props|items)\d+;/g, '')
    .replace(/validate\d+\.evaluated = \{[^{}]*\};/g, '')
    // The errors of an `if` subschema are only counted, then dropped (the list is cut back to
    // its length before the `if`): counting is enough, without an object and list per action.
    .replace(
      /const (err\d+) = \{\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;(\}\}\}var _valid\d+ = _errs\d+ === errors;errors = (_errs\d+);if\(vErrors !== null\)\{if\(\3\)\{vErrors\.length = \3;\}else \{vErrors = null;\}\})/g,
      'errors++;$2',
    );
  if (/const err\d+ = \{\};/.test(lean)) throw new Error('generated validator has an empty error outside an `if`: update gen-validator.mjs');
  for (const unused of ['parentData', 'rootData', 'dynamicAnchors', 'evaluated']) {
    if (new RegExp(`\\b${unused}\\b`).test(lean)) throw new Error(`generated validator still uses ${unused}: update gen-validator.mjs`);
  }
  const helpers = [
    // Ajv's own counting (code points, surrogate pairs as one): no string allocated per character.
    'function __ucs2length(str) { let n = 0; for (let i = 0; i < str.length; n++) { const c = str.charCodeAt(i++); if (c >= 0xd800 && c <= 0xdbff && i < str.length && (str.charCodeAt(i) & 0xfc00) === 0xdc00) i++; } return n; }',
    'function __equal(a, b) { return JSON.stringify(a) === JSON.stringify(b); }',
    // `propertyName` only on the inner errors of a `propertyNames` check, as Ajv makes them.
    'function __error(list, instancePath, keyword, params, propertyName) { const e = { instancePath, schemaPath: "", keyword, params }; if (propertyName !== undefined) e.propertyName = propertyName; if (list === null) return [e]; list.push(e); return list; }',
    // Paths are built on success too (one per state, as the argument of its subschema): most keys need no escaping.
    'function __escape(key) { return /[~/]/.test(key) ? key.replace(/~/g, "~0").replace(/\\//g, "~1") : key; }',
  ].join('\n');
  return `/* eslint-disable */\n// GENERATED by scripts/gen-validator.mjs from schema/machine.schema.json. Do not edit.\n// @ts-nocheck\n${helpers}\n${lean}\n`;
}

/**
 * Ajv standalone keeps a JSON copy of every schema it refers to (`const schema20 = {...}`), and
 * refers to them only for `enum` error params and `hasOwnProperty` on `properties` (the
 * additionalProperties check). Those copies were a third of the bundle's validator bytes:
 * inline the few values used (enum arrays; a keys-only object for `properties`) and drop the
 * copies. `schemaPath` is blanked too: src/schema.ts words issues from keyword and params only.
 */
function inlineSchemaReferences(code) {
  const schemas = new Map();
  let out = '';
  let i = 0;
  for (const m of code.matchAll(/const (schema\d+) = /g)) {
    if (m.index < i) continue;
    out += code.slice(i, m.index);
    const start = m.index + m[0].length;
    const end = jsonEnd(code, start);
    schemas.set(m[1], JSON.parse(code.slice(start, end)));
    i = end + (code[end] === ';' ? 1 : 0);
  }
  out += code.slice(i);
  // Key sets of `properties` (the additionalProperties check looks keys up in them): module
  // constants, not literals at the use site, where one was built for every key of every state.
  const keySets = new Map();
  const replaced = out.replace(/\b(schema\d+)((?:\.[A-Za-z_$][\w$]*)+)/g, (whole, name, path) => {
    let value = schemas.get(name);
    if (value === undefined) throw new Error(`generated validator refers to unknown ${name}`);
    for (const key of path.slice(1).split('.')) value = value?.[key];
    if (Array.isArray(value)) return JSON.stringify(value);
    if (path.endsWith('.properties') && value && typeof value === 'object') {
      const literal = JSON.stringify(Object.fromEntries(Object.keys(value).map((k) => [k, 0])));
      if (!keySets.has(literal)) keySets.set(literal, `__keys${keySets.size}`);
      return keySets.get(literal);
    }
    throw new Error(`generated validator uses ${whole} in a way gen-validator.mjs does not inline`);
  });
  // After every function: they run only once the module has been evaluated.
  return replaced + [...keySets].map(([literal, id]) => `const ${id} = ${literal};`).join('');
}

/** End index (exclusive) of the JSON object starting at `start`. */
function jsonEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unterminated schema literal in generated validator');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(`${root}/src/generated/machine-validator.js`, generateValidator());
  console.log('runtime: src/generated/machine-validator.js');
}
