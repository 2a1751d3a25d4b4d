#!/usr/bin/env node
// In the repository (cli/src exists) the CLI runs the TypeScript sources through tsx with the
// `source` export condition, so every workspace package is read from its sources and a stale
// dist/ never runs (the compiler's bin did the same before the CLI moved here). A published
// package ships no src/ and runs dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const sources = new URL('../src/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  register('@voiceman/compiler/bin/source-condition.mjs', import.meta.url);
  await import(sources.href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
