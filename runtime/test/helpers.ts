import { createDialog, createScriptedHost, loadMachine, type AskParams, type Dialog, type DialogOptions, type DialogResult, type MachineJson, type ScriptedHost, type ScriptedHostOptions, runUntilDone } from '../src/index.js';

/** Starts the dialog and lets virtual time pass while it is idle (see `runUntilDone`). */
export const runToEnd = (dialog: Dialog, host: ScriptedHost): Promise<DialogResult> => runUntilDone(dialog, host);

export async function run(machine: MachineJson, hostOptions: ScriptedHostOptions, options: Partial<DialogOptions> = {}) {
  const host = createScriptedHost(hostOptions);
  const dialog = createDialog(loadMachine(machine), host, { sessionId: 's1', terminalId: 'T-7', versionHash: 'v1', ...options });
  const result = await runToEnd(dialog, host);
  return { host, dialog, result, said: host.spoken.map((s) => s.text), types: host.events.map((e) => e.type) };
}

/** One ask leaving through each outcome into a final state whose result names the way out. */
export function askMachine(params: Partial<AskParams> = {}, extra: Partial<MachineJson['meta']['vm']> = {}): MachineJson {
  const ask: AskParams = {
    prompt: { en: 'Quantity?', ru: 'Количество?' },
    help: { en: 'Say a number from one to ten', ru: 'Назовите число' },
    outcomes: [
      { name: 'qty', grammar: { type: 'number', min: 1, max: 10 } },
      { name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready'], ru: ['готов'] } } },
    ],
    noInput: { reprompts: [{ en: 'I did not hear you.' }, { en: 'Still nothing.' }], maxAttempts: 3 },
    noMatch: { reprompts: [{ en: 'Say again.' }], maxAttempts: 2 },
    ...params,
  };
  const end = (id: string, expr: string) => ({ id, type: 'final' as const, meta: { vm: { nodeId: id, kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result' as const, params: { expr } }] });
  const on: NonNullable<MachineJson['states'][string]['on']> = { NOINPUT: { target: '#noInput' }, NOMATCH: { target: '#noMatch' } };
  for (const o of ask.outcomes) on[`ANSWER.${o.name}`] = { target: '#answered', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'answer', expr: 'event.value' }, { variable: 'way', expr: `"${o.name}"` }] } }] };
  return {
    id: 'ask',
    initial: 'q',
    meta: {
      vm: {
        formatVersion: 1,
        processKey: 'ask',
        name: 'Ask',
        languages: ['en', 'ru'],
        scopes: { main: { processKey: 'ask', variables: { answer: { type: 'dyn' }, way: { type: 'string' } } } },
        globalWords: [{ name: 'signOff', phrases: { en: ['sign off'], ru: ['выход'] } }],
        settings: { minConfidence: 0.5, noInputTimeoutMs: 6000 },
        ...extra,
      },
    },
    on: { 'GLOBAL.signOff': { target: '#signedOff' } },
    states: {
      q: { id: 'q', meta: { vm: { nodeId: 'q', kind: 'ask', scope: 'main' } }, entry: [{ type: 'vm.ask', params: ask }], on },
      answered: end('answered', '{"way": way, "answer": answer}'),
      noInput: end('noInput', '"noInput"'),
      noMatch: end('noMatch', '"noMatch"'),
      signedOff: end('signedOff', '"signedOff"'),
    },
  };
}
