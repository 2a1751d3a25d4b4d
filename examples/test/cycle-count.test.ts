import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms, wmsCall } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

const first = ['Count. Aisle 16.', 'Slot 8 A.', 'spaghetti, four hundred fifty grams. How many cases?'];
const second = ['Count. Aisle 14.', 'Slot 11 C.', 'long grain rice, nine hundred grams. How many cases?'];

describe('cycle count', () => {
  it('counts blind, location by location, without a recount when the counts match', async () => {
    const run = await runDialog('cycle-count', wms, [...signOn427, 'ready', 'one four', 'thirty seven', 'ready', 'four six', 'eighteen']);
    expect(run.spoken).toEqual([...signOn427Prompts, ...first, 'Count recorded.', ...second, 'Count recorded.', 'No more counts. Goodbye.']);
    expect(run.spoken.join(' ')).not.toContain('37');
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoWork' });
  });

  it('asks for a recount when the count differs; the second count is recorded as the variance', async () => {
    const run = await runDialog('cycle-count', wms, [...signOn427, 'ready', 'one four', 'thirty five', 'thirty six']);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, ...first,
      'Count differs. Count again. How many cases?',
      'Count recorded.', second[0],
    ]);
    expect((await wmsCall(wms, 'GET', '/locations/16-08A')).stock[0].quantity).toBe(36);
  });

  it('a recount that matches leaves the stock as it was', async () => {
    const run = await runDialog('cycle-count', wms, [...signOn427, 'ready', 'one four', 'three five', 'thirty seven']);
    expect(run.spoken.slice(-3)).toEqual(['Count differs. Count again. How many cases?', 'Count recorded.', 'Count. Aisle 14.']);
    expect((await wmsCall(wms, 'GET', '/locations/16-08A')).stock[0].quantity).toBe(37);
  });

  it('speaks Russian prompts', async () => {
    const run = await runDialog('cycle-count', wms, ['четыре два семь', 'да', 'готова', 'один четыре', 'тридцать семь'], { language: 'ru' });
    expect(run.spoken.slice(3)).toEqual([
      'Пересчёт. Проход 16.', 'Ячейка 8 A.', 'спагетти, четыреста пятьдесят грамм. Сколько коробок?', 'Пересчёт записан.', 'Пересчёт. Проход 14.',
    ]);
  });

  it('goes to the supervisor after three wrong check digits', async () => {
    const run = await runDialog('cycle-count', wms, [...signOn427, 'ready', 'one one', 'one two', 'one three']);
    expect(run.spoken.slice(-2)).toEqual(['Slot 8 A.', 'Wrong check digits three times. Call your supervisor. Say ready to try again.']);
  });

  it('tells the operator when the WMS is down, and ends on silence', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 500, count: 100, pathPrefix: '/counts' });
    const run = await runDialog('cycle-count', wms, [...signOn427, 'ready', null, null, null]);
    expect(run.spoken.slice(3)).toEqual([
      'System not answering. Say ready to try again.',
      'System not answering. Say ready to try again.',
      'Say again.', 'System not answering. Say ready to try again.',
      'The warehouse system did not answer. Say ready to try again, or sign off.', 'System not answering. Say ready to try again.',
      'No answer. Call your supervisor. Signing off.',
    ]);
  });
});
