import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms, wmsCall } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

const pallet = 'Pallet 1 2 3 4, 40 cases, spaghetti, four hundred fifty grams. Aisle 31.';

describe('putaway', () => {
  it('takes the pallet to its slot, checks digits and quantity, and posts the putaway', async () => {
    const run = await runDialog('putaway', wms, [...signOn427, 'ready', 'four four seven', 'forty']);
    expect(run.spoken).toEqual([...signOn427Prompts, pallet, 'Slot 7, level 2.', 'Put 40.', 'Putaway complete.', 'No more putaways. Goodbye.']);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoWork' });
    expect(run.calls).toContain('POST /putaway/tasks/PUT-7001/confirm');
    expect((await wmsCall(wms, 'GET', '/locations/31-07-2')).stock).toEqual([{ locationId: '31-07-2', skuId: '512019', quantity: 40 }]);
  });

  it('speaks Russian prompts', async () => {
    const run = await runDialog('putaway', wms, ['четыре два семь', 'да', 'готов', 'четыре четыре семь', 'сорок'], { language: 'ru' });
    expect(run.spoken.slice(3)).toEqual([
      'Паллета 1 2 3 4, 40 коробок, спагетти, четыреста пятьдесят грамм. Проход 31.',
      'Ячейка 7, ярус 2.',
      'Положить 40.',
      'Размещение выполнено.',
      'Размещений больше нет. До свидания.',
    ]);
  });

  it('refuses wrong check digits and a quantity that is not the pallet', async () => {
    const run = await runDialog('putaway', wms, [...signOn427, 'ready', 'four four one', 'four four seven', 'thirty nine', 'forty']);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, pallet,
      'Slot 7, level 2.', 'Wrong, try again.', 'Slot 7, level 2.',
      'Put 40.', 'You said 39, the pallet has 40.', 'Put 40.',
      'Putaway complete.', 'No more putaways. Goodbye.',
    ]);
  });

  it('retries after a WMS error: the same task comes back', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 503, count: 1, pathPrefix: '/putaway/tasks/PUT-7001' });
    const run = await runDialog('putaway', wms, [...signOn427, 'ready', 'four four seven', 'forty', 'ready', 'ready', 'four four seven', 'forty']);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, pallet, 'Slot 7, level 2.', 'Put 40.',
      'System not answering. Say ready to try again.',
      pallet, 'Slot 7, level 2.', 'Put 40.', 'Putaway complete.', 'No more putaways. Goodbye.',
    ]);
  });

  it('ends on silence after the escalation', async () => {
    const run = await runDialog('putaway', wms, [...signOn427, null, null, null]);
    expect(run.spoken.slice(-5)).toEqual([
      'Say again.', pallet,
      'Take the pallet to aisle 31 and say ready.', pallet,
      'No answer. Call your supervisor. Signing off.',
    ]);
  });
});
