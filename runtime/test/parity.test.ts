/**
 * The same dialog in Node (ESM sources), in QuickJS and in Chromium (the IIFE bundle, built
 * from the current sources in this test's setup): the event streams must be identical.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import { chromium, type Browser } from '@playwright/test';
import * as Runtime from '../src/index.js';
import { pickMachine } from './fixtures.js';
// @ts-expect-error plain JS module without types
import { scenario } from './parity-scenario.js';
// @ts-expect-error build script without types
import { iifeOptions, regexIifeOptions } from '../scripts/build.mjs';

const scenarioSource = readFileSync(fileURLToPath(new URL('./parity-scenario.js', import.meta.url)), 'utf8').replace(/^export .*$/m, '');
const call = `(${'async function () {'}${scenarioSource}; return scenario(VoicemanRuntime, ${JSON.stringify(pickMachine)}); })()`;

let iife = '';
/** The RE2 add-on (`matches`), which the IIFE leaves out. */
let regexIife = '';
let browser: Browser | undefined;

beforeAll(async () => {
  const out = await build({ ...(iifeOptions as object), write: false, outfile: 'voiceman-runtime.iife.js' });
  iife = out.outputFiles[0]!.text;
  regexIife = (await build({ ...(regexIifeOptions as object), write: false, outfile: 'voiceman-runtime-regex.iife.js' })).outputFiles[0]!.text;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function inNode(): Promise<string> {
  return (await (scenario as (r: unknown, m: unknown) => Promise<string>)(Runtime, JSON.parse(JSON.stringify(pickMachine)))) as string;
}

/** The IIFE in a bare Node `vm` context: no URL, TextEncoder or console, like small engines. */
async function inNodeVm(): Promise<string> {
  const { createContext, runInContext } = await import('node:vm');
  const context = createContext({});
  runInContext(iife, context, { filename: 'voiceman-runtime.iife.js' });
  return (await runInContext(call, context)) as string;
}

async function inQuickJS(code = call, addRegex = false): Promise<string> {
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  const run = (code: string, file = 'scenario.js') => vm.unwrapResult(vm.evalCode(code, file)).dispose();
  const read = (code: string): unknown => {
    const handle = vm.unwrapResult(vm.evalCode(code));
    try {
      return vm.dump(handle);
    } finally {
      handle.dispose();
    }
  };
  try {
    // QuickJS has no console; nothing in the runtime should need one, and this records if it does.
    run('globalThis.__log = []; globalThis.console = { log: (...a) => __log.push(a.join(" ")), warn: (...a) => __log.push(a.join(" ")), error: (...a) => __log.push(a.join(" ")) };');
    run(iife, 'voiceman-runtime.iife.js');
    if (addRegex) run(regexIife, 'voiceman-runtime-regex.iife.js');
    run(`globalThis.__out = null; globalThis.__err = null; ${code}.then((r) => { __out = r; }, (e) => { __err = String((e && e.stack) || e); });`);
    for (let i = 0; i < 1000 && !read('__out !== null || __err !== null'); i++) vm.unwrapResult(vm.runtime.executePendingJobs());
    const err = read('__err');
    if (err) throw new Error(`QuickJS: ${String(err)}`);
    expect(read('__log')).toEqual([]);
    return read('__out') as string;
  } finally {
    vm.dispose();
  }
}

async function inChromium(): Promise<string> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>runtime parity</title>');
    await page.addScriptTag({ content: iife });
    return (await page.evaluate(call)) as string;
  } finally {
    await page.close();
  }
}

describe('parity: Node, QuickJS, Chromium', () => {
  it('the scenario itself exercises the interesting paths', async () => {
    const out = JSON.parse(await inNode());
    expect(out.result).toEqual({ status: 'done', result: { picked: 3, operator: '427' }, stateId: 'done' });
    const types = new Set(out.events.map((e: { type: string }) => e.type));
    for (const t of ['silence', 'nomatch', 'hypothesis', 'wms.error', 'wms.response', 'variable', 'transition', 'session.end']) expect(types).toContain(t);
    expect(out.invalid).toEqual({ name: 'MachineValidationError', issues: 2 });
    expect(out.number).toBe(23);
  });

  it('the IIFE in a bare Node vm context produces the identical event stream', async () => {
    expect(JSON.parse(await inNodeVm())).toEqual(JSON.parse(await inNode()));
  });

  it('QuickJS produces the identical event stream', async () => {
    expect(JSON.parse(await inQuickJS())).toEqual(JSON.parse(await inNode()));
  }, 60_000);

  it('QuickJS bounds CEL too: RE2 matches a catastrophic pattern at once, an explosion ends with cel.budget', async () => {
    const machine = (expr: string) => ({
      id: 'limits', initial: 'done',
      meta: { vm: { formatVersion: 1, processKey: 'limits', name: 'Limits', languages: ['en'], scopes: { main: { processKey: 'limits', variables: { s: { type: 'string', default: `${'a'.repeat(40)}!` } } } }, globalWords: [], settings: { minConfidence: 0.5, noInputTimeoutMs: 7000 } } },
      states: { done: { id: 'done', type: 'final', meta: { vm: { nodeId: 'done', kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result', params: { expr } }] } },
    });
    const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
    const code = `(async function () {
      const out = [];
      for (const m of ${JSON.stringify([machine('s.matches("^(a+)+$")'), machine(`${hundred}.map(x, ${hundred}.map(y, ${hundred}.map(z, x + y + z)))`)])}) {
        const host = VoicemanRuntime.createScriptedHost({});
        const dialog = VoicemanRuntime.createDialog(VoicemanRuntime.loadMachine(m), host, { sessionId: 's', terminalId: 't', versionHash: 'v' });
        await dialog.start();
        const result = await dialog.done;
        out.push({ status: result.status, result: result.result, codes: host.events.filter((e) => e.type === 'error').map((e) => e.data.code) });
      }
      return JSON.stringify(out);
    })()`;
    expect(JSON.parse(await inQuickJS(code, true))).toEqual([
      { status: 'done', result: false, codes: [] },
      { status: 'error', codes: ['cel.budget'] },
    ]);
  }, 120_000);

  it('the IIFE refuses a machine using matches until the RE2 add-on is loaded, then runs it', async () => {
    const { createContext, runInContext } = await import('node:vm');
    const context = createContext({});
    runInContext(iife, context);
    const machine = { ...pickMachine, states: { ...pickMachine.states, done: { ...pickMachine.states.done!, entry: [{ type: 'vm.result', params: { expr: 'operator.matches("^[0-9]+$")' } }] } } };
    const load = () => runInContext(`(() => { try { VoicemanRuntime.loadMachine(${JSON.stringify(machine)}); return 'loaded'; } catch (e) { return e.message; } })()`, context) as string;
    expect(load()).toContain('matches() needs the RE2 engine, which this build of the runtime leaves out: load voiceman-runtime-regex.iife.js');
    expect(iife).not.toContain('RE2JS');
    runInContext(regexIife, context);
    expect(load()).toBe('loaded');
  });

  it('Chromium produces the identical event stream', async () => {
    expect(JSON.parse(await inChromium())).toEqual(JSON.parse(await inNode()));
  }, 60_000);
});
