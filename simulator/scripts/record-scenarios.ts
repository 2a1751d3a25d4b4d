/**
 * Records the example scenarios (examples/flows/*.scenario.json): each answer list runs once
 * against the real mock WMS over HTTP (faults injected through its /test/faults route), and
 * what happened becomes the scenario: the WMS answers as stubs per request node, the prompts of
 * every step, the end. Review the diff before committing a re-recording; the scenarios then
 * run with `npx voiceman test examples/flows` without any WMS.
 *   npx tsx --conditions source simulator/scripts/record-scenarios.ts
 */
import { writeFileSync } from 'node:fs';
import type { JsonValue, Lang } from '@voiceman/runtime';
import { createSimulation } from '../src/index.js';
import { recordScenario } from '../src/scenario/record.js';
import { fetchRequest, machineFor, withWms, wmsCall } from '../../examples/test/harness.js';
import type { ExampleKey } from '@voiceman/examples';

type Answer = string | null | { unclear: true };
interface Recording {
  file: string; process: ExampleKey; name: string; description: string; language?: Lang;
  answers: Answer[];
  faults?: { status: number; count: number; pathPrefix: string };
}

const signOn = ['four two seven', 'yes'];
const pickStart = [...signOn, 'ready', 'ready'];

const recordings: Recording[] = [
  { file: 'sign-on.happy', process: 'sign-on', name: 'signs on with a read-back', description: 'Operator id, read-back confirmed, WMS check, greeting.', answers: signOn },
  { file: 'sign-on.refused', process: 'sign-on', name: 'three refused ids fail the sign-on', description: 'Unknown and inactive operators: the WMS refuses, three refusals end in failure.', answers: ['nine nine nine', 'yes', 'six six six', 'yes', 'one two three', 'yes'] },
  { file: 'sign-on.silence', process: 'sign-on', name: 'silence escalation fails the sign-on', description: 'No answer three times: say again, help, then the sign-on fails.', answers: [null, null, null] },
  { file: 'sign-on.wms-500', process: 'sign-on', name: 'a WMS failure counts as a refusal', description: 'The WMS answers 500 once; the second try signs on.', answers: [...signOn, ...signOn], faults: { status: 500, count: 1, pathPrefix: '/operators' } },
  { file: 'sign-on.ru', process: 'sign-on', name: 'Russian sign-on', description: 'The same dialog in Russian.', language: 'ru', answers: ['четыре два семь', 'да'] },
  { file: 'case-picking.assignment', process: 'case-picking', name: 'a whole assignment', description: 'Every pick confirmed, delivery to the door, no more work.', answers: [...pickStart, 'five seven', 'three', 'two one', 'two', 'ready', 'eight three', 'five', 'ready', 'nine two', 'one', 'three eight'] },
  { file: 'case-picking.wrong-digits', process: 'case-picking', name: 'wrong check digits send the operator to the supervisor', description: 'Three wrong check digits at one slot: supervisor, then the right digits.', answers: [...pickStart, 'one one', 'two two', 'three three', 'ready', 'five seven'] },
  { file: 'case-picking.short-pick', process: 'case-picking', name: 'a short pick with a reason', description: 'A lower quantity confirmed as a short; the reason code from the short_reasons table.', answers: [...pickStart, 'five seven', 'two', 'yes', 'damaged'] },
  { file: 'case-picking.short-refused', process: 'case-picking', name: '"short" refuses a higher quantity', description: 'Short, a quantity, no; short again, yes, reason empty.', answers: [...pickStart, 'five seven', 'five', 'short', 'one', 'no', 'short', 'one', 'yes', 'empty'] },
  { file: 'case-picking.wms-503', process: 'case-picking', name: 'WMS 503 on a confirmation', description: 'The WMS answers 503 to the pick confirmation (after its retries): system not answering, the pick comes again.', answers: [...pickStart, 'five seven', 'three', 'ready', 'ready', 'five seven', 'three'], faults: { status: 503, count: 1, pathPrefix: '/picking/picks' } },
  { file: 'case-picking.silence', process: 'case-picking', name: 'silence escalation at the slot', description: 'Three silences at the check digits: escalation, then the supervisor path.', answers: [...pickStart, null, null, null] },
  { file: 'case-picking.ru', process: 'case-picking', name: 'Russian global words and short reasons', description: 'Skip slot and a short reason in Russian.', language: 'ru', answers: ['четыре два семь', 'да', 'готов', 'готов', 'пропустить', 'два один', 'один', 'да', 'не тот товар'] },
  { file: 'case-picking.sign-off', process: 'case-picking', name: 'sign off after a no, then a yes', description: 'The global word "sign off" with its confirmation.', answers: [...pickStart, 'sign off', 'no', 'ready', 'sign off', 'yes'] },
  { file: 'case-picking.unclear', process: 'case-picking', name: 'unclear speech, description and how much more', description: 'A low-confidence answer, then the help words at the quantity.', answers: [...pickStart, { unclear: true }, 'description', 'how much more', 'five seven', 'description', 'three'] },
  { file: 'putaway.happy', process: 'putaway', name: 'a pallet put away', description: 'Check digits, quantity, posted to the WMS.', answers: [...signOn, 'ready', 'four four seven', 'forty'] },
  { file: 'putaway.refusals', process: 'putaway', name: 'wrong digits and a wrong quantity', description: 'Refuses wrong check digits and a quantity that is not the pallet.', answers: [...signOn, 'ready', 'four four one', 'four four seven', 'thirty nine', 'forty'] },
  { file: 'putaway.wms-503', process: 'putaway', name: 'WMS 503 on the putaway', description: 'The same task comes back after the WMS failed.', answers: [...signOn, 'ready', 'four four seven', 'forty', 'ready', 'ready', 'four four seven', 'forty'], faults: { status: 503, count: 1, pathPrefix: '/putaway/tasks/PUT-7001' } },
  { file: 'putaway.silence', process: 'putaway', name: 'silence ends the putaway', description: 'Escalation after three silences.', answers: [...signOn, null, null, null] },
  { file: 'putaway.ru', process: 'putaway', name: 'Russian putaway', description: 'The whole task in Russian.', language: 'ru', answers: ['четыре два семь', 'да', 'готов', 'четыре четыре семь', 'сорок'] },
  { file: 'cycle-count.match', process: 'cycle-count', name: 'two counts that match', description: 'Blind counts without a recount.', answers: [...signOn, 'ready', 'one four', 'thirty seven', 'ready', 'four six', 'eighteen'] },
  { file: 'cycle-count.recount', process: 'cycle-count', name: 'a recount recorded as variance', description: 'The count differs; the recount is recorded.', answers: [...signOn, 'ready', 'one four', 'thirty five', 'thirty six'] },
  { file: 'cycle-count.wrong-digits', process: 'cycle-count', name: 'wrong check digits to the supervisor', description: 'Three wrong check digits.', answers: [...signOn, 'ready', 'one one', 'one two', 'one three'] },
  { file: 'cycle-count.wms-down', process: 'cycle-count', name: 'the WMS is down, then silence', description: 'Every count request fails; the operator hears it, then silence ends the dialog.', answers: [...signOn, 'ready', null, null, null], faults: { status: 500, count: 100, pathPrefix: '/counts' } },
  { file: 'cycle-count.ru', process: 'cycle-count', name: 'Russian cycle count', description: 'A count in Russian.', language: 'ru', answers: ['четыре два семь', 'да', 'готова', 'один четыре', 'тридцать семь'] },
  { file: 'replenishment.happy', process: 'replenishment', name: 'reserve to pick face', description: 'Both locations proven by check digits.', answers: [...signOn, 'ready', 'five one nine', 'twelve', 'ready', 'three zero'] },
  { file: 'replenishment.refusals', process: 'replenishment', name: 'too many taken, wrong digits at the pick face', description: 'A lower take is posted.', answers: [...signOn, 'ready', 'five one nine', 'fifteen', 'ten', 'ready', 'one two', 'three zero'] },
  { file: 'replenishment.wms-500', process: 'replenishment', name: 'WMS 500 on the confirmation', description: 'The confirmation fails once and is tried again.', answers: [...signOn, 'ready', 'five one nine', 'twelve', 'ready', 'three zero', 'ready', 'ready', 'five one nine', 'twelve', 'ready', 'three zero'], faults: { status: 500, count: 1, pathPrefix: '/replenishment/tasks/REP-8001' } },
  { file: 'replenishment.silence', process: 'replenishment', name: 'silence at the quantity', description: 'Escalation, the supervisor path, nothing moved.', answers: [...signOn, 'ready', 'five one nine', null, null, null] },
  { file: 'replenishment.ru', process: 'replenishment', name: 'Russian replenishment with silence at the pick face', description: 'Escalation in Russian.', language: 'ru', answers: ['четыре два семь', 'да', 'готов', 'пять один девять', 'двенадцать', null, null, null] },
];

const wms = await withWms();
try {
  for (const r of recordings) {
    await wmsCall(wms, 'POST', '/test/reset');
    if (r.faults) await wmsCall(wms, 'POST', '/test/faults', r.faults);
    const sim = createSimulation({
      machine: machineFor(r.process), processKey: r.process, versionHash: 'record', language: r.language ?? 'en',
      input: { wmsUrl: wms.url } as Record<string, JsonValue>, fetcher: fetchRequest,
    });
    let view = await sim.start();
    for (const a of r.answers) {
      if (view.status !== 'waiting') throw new Error(`${r.file}: the dialog ended before all answers`);
      view = await sim.send(a === null ? { kind: 'silence' } : typeof a === 'string' ? { kind: 'speech', text: a } : { kind: 'unclear' });
    }
    sim.dispose();
    const scenario = recordScenario(view, { name: r.name, description: r.description, process: r.process, ...(r.language ? { language: r.language } : {})});
    const path = new URL(`../../examples/flows/${r.file}.scenario.json`, import.meta.url);
    writeFileSync(path, `${JSON.stringify({ $schema: '../../simulator/scenario.schema.json', ...scenario }, null, 2)}\n`);
    console.log(`${r.file}: ${view.steps} steps, ${view.result ? `ended ${view.result.status} in ${view.result.stateId}` : `waiting in ${view.stateId}`}`);
  }
} finally {
  await wms.close();
}
