#!/usr/bin/env node
// One rule for dist vs sources: in the repository (compiler/src exists) the CLI always runs the
// TypeScript sources through tsx, with the `source` export condition so @voiceman/runtime is
// read from its sources too; a stale or missing dist/ can then never be what runs. A published
// package ships no src/ ("files" in package.json) and runs dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const sources = new URL('../src/cli-main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  // Registered last, so it runs first: it adds the condition, then tsx and Node's resolver see it.
  register('./source-condition.mjs', import.meta.url);
  await import(sources.href);
} else {
  await import(new URL('../dist/cli-main.js', import.meta.url).href);
}
