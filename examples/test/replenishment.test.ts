import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms, wmsCall } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

const start = 'Replenish instant coffee, ninety five grams. Aisle 30.';

describe('replenishment', () => {
  it('takes from reserve, puts to the pick face, both proven by check digits', async () => {
    const run = await runDialog('replenishment', wms, [...signOn427, 'ready', 'five one nine', 'twelve', 'ready', 'three zero']);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, start, 'Slot 2, level 2.', 'Take 12.', 'Aisle 15.', 'Slot 7 B. Put 12.',
      'Replenishment complete.', 'No more replenishments. Goodbye.',
    ]);
    expect((await wmsCall(wms, 'GET', '/locations/15-07B')).stock[0].quantity).toBe(14);
    expect((await wmsCall(wms, 'GET', '/locations/30-02-2')).stock[0].quantity).toBe(36);
  });

  it('speaks Russian prompts', async () => {
    const run = await runDialog('replenishment', wms, ['четыре два семь', 'да', 'готов', 'пять один девять', 'двенадцать'], { language: 'ru' });
    expect(run.spoken.slice(3)).toEqual(['Пополнение: кофе растворимый, девяносто пять грамм. Проход 30.', 'Ячейка 2, ярус 2.', 'Взять 12.', 'Проход 15.']);
  });

  it('refuses taking more than asked and wrong digits at the pick face; a lower take is posted', async () => {
    const run = await runDialog('replenishment', wms, [...signOn427, 'ready', 'five one nine', 'fifteen', 'ten', 'ready', 'one two', 'three zero']);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, start, 'Slot 2, level 2.',
      'Take 12.', 'You said 15, only 12 asked.', 'Take 12.',
      'Aisle 15.', 'Slot 7 B. Put 10.', 'Wrong, try again.', 'Slot 7 B. Put 10.',
      'Replenishment complete.', 'No more replenishments. Goodbye.',
    ]);
    expect((await wmsCall(wms, 'GET', '/locations/15-07B')).stock[0].quantity).toBe(12);
  });

  it('retries after a WMS error on the confirmation', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 500, count: 1, pathPrefix: '/replenishment/tasks/REP-8001' });
    const run = await runDialog('replenishment', wms, [
      ...signOn427, 'ready', 'five one nine', 'twelve', 'ready', 'three zero',
      'ready', 'ready', 'five one nine', 'twelve', 'ready', 'three zero',
    ]);
    const once = [start, 'Slot 2, level 2.', 'Take 12.', 'Aisle 15.', 'Slot 7 B. Put 12.'];
    expect(run.spoken).toEqual([
      ...signOn427Prompts, ...once, 'System not answering. Say ready to try again.',
      ...once, 'Replenishment complete.', 'No more replenishments. Goodbye.',
    ]);
  });

  it('escalates silence at the quantity, then takes the supervisor path and moves nothing', async () => {
    const run = await runDialog('replenishment', wms, [...signOn427, 'ready', 'five one nine', null, null, null]);
    expect(run.spoken).toEqual([
      ...signOn427Prompts, start, 'Slot 2, level 2.', 'Take 12.',
      'Say again.', 'Take 12.',
      'Say how many cases you took, at most 12.', 'Take 12.',
      'No answer. Call your supervisor. Signing off.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoAnswer' });
    expect(run.calls.filter((c) => c.includes('/confirm'))).toEqual([]);
    expect((await wmsCall(wms, 'GET', '/locations/30-02-2')).stock[0].quantity).toBe(48);
    expect((await wmsCall(wms, 'GET', '/locations/15-07B')).stock[0].quantity).toBe(2);
  });

  it('escalates silence at the pick-face aisle the same way, in Russian too', async () => {
    const run = await runDialog('replenishment', wms, ['четыре два семь', 'да', 'готов', 'пять один девять', 'двенадцать', null, null, null], { language: 'ru' });
    expect(run.spoken.slice(-6)).toEqual([
      'Проход 15.',
      'Повторите.', 'Проход 15.',
      'Отвезите коробки в проход отбора 15 и скажите «готов».', 'Проход 15.',
      'Нет ответа. Позовите старшего. Работа завершена.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoAnswer' });
  });
});
