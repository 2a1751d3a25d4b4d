/**
 * The simulator gives the same dialog as the examples' own runtime tests: the same example,
 * the same answers, the same mock WMS over HTTP → the same prompts, WMS calls and end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue, Lang, ScriptedListen } from '@voiceman/runtime';
import type { MockWms } from '@voiceman/examples';
import { createSimulation, type SimInput, type SimView } from '@voiceman/simulator';
import { fetchRequest, machineFor, runDialog, signOn427, withWms, wmsCall } from '../../examples/test/harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());

const toInput = (a: ScriptedListen): SimInput => (a === null ? { kind: 'silence' } : typeof a === 'string' ? { kind: 'speech', text: a } : a.kind === 'silence' ? a : { kind: 'speech', text: a.text, confidence: a.confidence });

async function simulate(answers: ScriptedListen[], language: Lang): Promise<SimView> {
  const sim = createSimulation({
    machine: machineFor('case-picking'), processKey: 'case-picking', versionHash: 'test', language,
    input: { wmsUrl: wms.url } as Record<string, JsonValue>, fetcher: fetchRequest,
  });
  let view = await sim.start();
  for (const answer of answers) {
    if (view.status !== 'waiting') break;
    view = await sim.send(toInput(answer));
  }
  return view;
}

const toFirstSlot = [...signOn427, 'ready', 'ready'];
const scenarios: { name: string; answers: ScriptedListen[]; language?: Lang }[] = [
  { name: 'a whole assignment', answers: [...toFirstSlot, 'five seven', 'three', 'two one', 'two', 'ready', 'eight three', 'five', 'ready', 'nine two', 'one', 'three eight'] },
  { name: 'Russian global words and short reasons', answers: ['четыре два семь', 'да', 'готов', 'готов', 'пропустить', 'два один', 'один', 'да', 'не тот товар'], language: 'ru' },
  { name: 'escalating silence', answers: [...toFirstSlot, null, null, null] },
  { name: 'a short with "how much more" and a refused quantity', answers: [...toFirstSlot, 'description', 'how much more', 'five seven', 'five', 'short', 'one', 'no', 'short', 'one', 'yes', 'empty'] },
];

describe('simulator vs the examples runtime harness', () => {
  it.each(scenarios)('$name: same prompts, WMS calls and end', async ({ answers, language = 'en' }) => {
    await wmsCall(wms, 'POST', '/test/reset');
    const run = await runDialog('case-picking', wms, answers, { language });
    await wmsCall(wms, 'POST', '/test/reset');
    const view = await simulate(answers, language);

    expect(view.transcript.filter((t) => t.kind === 'say').map((t) => t.text)).toEqual(run.spoken);
    const calls = view.transcript.filter((t) => t.kind === 'wms').map((t) => `${t.wms!.method} ${new URL(t.wms!.url).pathname}`);
    expect(calls).toEqual(run.calls);
    if (run.outcome.status === 'blocked') expect(view).toMatchObject({ status: 'waiting', stateId: run.outcome.stateId });
    else expect(view.result).toMatchObject({ status: run.outcome.status, stateId: run.outcome.stateId });
    expect(view.variables.main).toEqual(run.variables);
  });

  it('the whole assignment ends as the example test asserts', async () => {
    await wmsCall(wms, 'POST', '/test/reset');
    const view = await simulate(scenarios[0]!.answers, 'en');
    expect(view.transcript.filter((t) => t.kind === 'say').map((t) => t.text).slice(-3)).toEqual(['Deliver to door 5.', 'Assignment complete.', 'No more assignments. Goodbye.']);
    expect(view.result).toMatchObject({ status: 'done', stateId: 'endNoWork', result: { status: 'noWork' } });
  });
});
