import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCelChecker, loadMachine, validateMachine, type MachineJson } from '../src/index.js';
import { askMachine, run } from './helpers.js';

const reference = { short_reasons: { revision: 3, rows: { DMG: 'Damaged', MIS: 'Missing' } }, zones: { revision: 1, rows: {} } };

/** The operator says a reason code (the heard text); a guard checks it against the table, the result reads its text. */
function reasonMachine(): MachineJson {
  const m = askMachine({ outcomes: [{ name: 'code', grammar: { type: 'phrases', phrases: { en: ['dmg', 'mis', 'xyz'], ru: ['дмг'] } } }] });
  m.meta.vm.reference = reference;
  m.meta.vm.scopes.main!.variables.reason = { type: 'string' };
  m.states.q!.on!['ANSWER.code'] = [
    {
      guard: { type: 'vm.cel', params: { expr: 'event.text in ref.short_reasons' } },
      target: '#answered',
      actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'reason', expr: 'ref.short_reasons[event.text]' }, { variable: 'way', expr: '"code"' }] } }],
    },
    { target: '#noMatch' },
  ];
  (m.states.answered!.entry![0]!.params as { expr: string }).expr = 'reason + " (" + string(size(ref.zones)) + " zones)"';
  return m;
}

describe('reference data as ref', () => {
  it('a guard and an assignment read ref.<table>[key]', async () => {
    const hit = await run(reasonMachine(), { listen: ['DMG'] });
    expect(hit.result).toEqual({ status: 'done', result: 'Damaged (0 zones)', stateId: 'answered' });
    const miss = await run(reasonMachine(), { listen: ['XYZ'] });
    expect(miss.result.stateId).toBe('noMatch');
  });

  it('an unknown table is a load error; so is any ref in a machine without reference data', () => {
    const m = reasonMachine();
    (m.states.answered!.entry![0]!.params as { expr: string }).expr = 'ref.bin_list.A1';
    expect(validateMachine(m).map((i) => i.message)).toEqual([expect.stringMatching(/CEL "ref.bin_list.A1": .*bin_list/)]);
    const bare = reasonMachine();
    delete bare.meta.vm.reference;
    expect(validateMachine(bare).length).toBeGreaterThan(0);
  });

  it('the schema refuses a bad table name, a missing revision, a non-string value', () => {
    const issues = (ref: unknown) => {
      const m = reasonMachine();
      (m.meta.vm as { reference: unknown }).reference = ref;
      return validateMachine(m).map((i) => `${i.path} ${i.message}`);
    };
    expect(issues({ ...reference, 'Bin-List': { revision: 1, rows: {} } })).toEqual([expect.stringContaining('/meta/vm/reference')]);
    expect(issues({ ...reference, zones: { rows: {} } })).toEqual(['/meta/vm/reference/zones missing required property "revision"']);
    expect(issues({ ...reference, zones: { revision: 1, rows: { A: 1 } } })).toEqual(['/meta/vm/reference/zones/rows/A must be string']);
  });

  it('createCelChecker takes the table names: ref.<table> checks, ref.<unknown> does not', () => {
    const checker = createCelChecker({ code: 'string' }, ['short_reasons']);
    expect(checker.check('ref.short_reasons.DMG')).toEqual([]);
    expect(checker.typeOf('ref.short_reasons[code]')).toBe('string');
    expect(checker.check('ref.unknown_table')).toEqual([expect.objectContaining({ message: expect.stringMatching(/unknown_table/) })]);
    expect(createCelChecker({}).check('ref.short_reasons')).not.toEqual([]);
  });
});

describe('per-scope CEL memo', () => {
  it('lives on the loaded machine, not in a module-level table', async () => {
    const m = reasonMachine();
    const loaded = loadMachine(m);
    expect(loaded.scopes.main!.celValues).toEqual({ key: undefined, value: undefined });
    const { createDialog, createScriptedHost } = await import('../src/index.js');
    const host = createScriptedHost({ listen: ['DMG'] });
    const dialog = createDialog(loaded, host, { sessionId: 's', terminalId: 't', versionHash: 'v' });
    await dialog.start();
    await dialog.done;
    expect(loaded.scopes.main!.celValues.value).toMatchObject({ reason: 'Damaged' });
    // nothing at module level keyed by machine or scope
    const source = readFileSync(new URL('../src/context.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^const \w+ = new (Weak)?Map/m);
  });
});
