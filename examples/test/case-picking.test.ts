import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleReferenceData, type MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms, wmsCall, compileExample } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

const summary = 'Assignment 1 0 2 3 4, 4 picks, 11 cases. Ready?';
/** Up to the first slot of assignment 10234: sign-on, summary, aisle 12. */
const toFirstSlot = [...signOn427, 'ready', 'ready'];
const firstSlotPrompts = [...signOn427Prompts, summary, 'Aisle 12.', 'Slot 4 A.'];

const pickOf = async (id: string) => {
  const { picks } = await wmsCall(wms, 'GET', `/picking/assignments/${id.split('-')[0]}`);
  return picks.find((p: { id: string }) => p.id === id);
};

describe('case picking', () => {
  it('picks a whole assignment, confirms every pick to the WMS and delivers to the door', async () => {
    const run = await runDialog('case-picking', wms, [
      ...toFirstSlot,
      'five seven', 'three',
      'two one', 'two',
      'ready', 'eight three', 'five',
      'ready', 'nine two', 'one',
      'three eight',
    ]);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts, 'Pick 3.',
      'Slot 9 B.', 'Pick 2.',
      'Aisle 14.', 'Slot 2 A.', 'Pick 5.',
      'Aisle 15.', 'Slot 6 A.', 'Pick 1.',
      'Deliver to door 5.',
      'Assignment complete.',
      'No more assignments. Goodbye.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoWork', result: { status: 'noWork' } });
    expect(run.calls.filter((c) => c.endsWith('/confirm'))).toEqual([
      'POST /picking/picks/10234-1/confirm',
      'POST /picking/picks/10234-2/confirm',
      'POST /picking/picks/10234-3/confirm',
      'POST /picking/picks/10234-4/confirm',
    ]);
    const { assignment } = await wmsCall(wms, 'GET', '/picking/assignments/10234');
    expect(assignment.status).toBe('delivered');
    expect((await wmsCall(wms, 'GET', '/locations/12-04A')).stock[0].quantity).toBe(17);
  });

  it('speaks Russian prompts', async () => {
    const run = await runDialog('case-picking', wms, ['четыре два семь', 'да', 'готов', 'готов', 'пять семь', 'три'], { language: 'ru' });
    expect(run.spoken.slice(3)).toEqual([
      'Задание 1 0 2 3 4, 4 позиции, 11 коробок. Готов?',
      'Проход 12.',
      'Ячейка 4 A.',
      'Взять 3.',
      'Ячейка 9 B.',
    ]);
    expect((await pickOf('10234-1')).picked).toBe(3);
  });

  it('understands Russian global words and short reasons', async () => {
    const run = await runDialog(
      'case-picking',
      wms,
      ['четыре два семь', 'да', 'готов', 'готов', 'пропустить', 'два один', 'один', 'да', 'не тот товар'],
      { language: 'ru' },
    );
    expect(run.spoken.slice(5)).toEqual([
      'Ячейка 4 A.',
      'Ячейка пропущена.',
      'Ячейка 9 B.',
      'Взять 2.',
      'Вы сказали 1, нужно 2. Недостача?',
      'Причина? Повреждено, пусто или не тот товар.',
      'Проход 14.',
    ]);
    expect(await pickOf('10234-2')).toMatchObject({ picked: 1, reasonCode: 'WRG' });
  });

  it('says "wrong, try again" on wrong check digits and goes on with the right ones', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'one one', 'five seven']);
    expect(run.spoken).toEqual([...firstSlotPrompts, 'Wrong, try again.', 'Slot 4 A.', 'Pick 3.']);
    expect(run.outcome).toMatchObject({ status: 'blocked', stateId: expect.stringContaining('quantity') });
  });

  it('counts wrong check digits per pick: a skipped slot does not carry them to the next', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'one one', 'two two', 'skip slot', 'one one', 'two one']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Slot skipped.', 'Slot 9 B.',
      'Wrong, try again.', 'Slot 9 B.',
      'Pick 2.',
    ]);
  });

  it('sends the operator to the supervisor after three wrong check digits', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'one one', 'two two', 'three three', 'ready', 'five seven']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong check digits three times. Call your supervisor. Say ready to try again.',
      'Slot 4 A.',
      'Pick 3.',
    ]);
  });

  it('counts wrong check digits per visit of the slot: leaving it (description, supervisor) starts afresh', async () => {
    const run = await runDialog('case-picking', wms, [
      ...toFirstSlot,
      'one one', 'two two', 'description', 'one one', 'two two', 'three three',
      'ready', 'one one', 'two two', 'five seven',
    ]);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'milk, one litre.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong check digits three times. Call your supervisor. Say ready to try again.',
      'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Wrong, try again.', 'Slot 4 A.',
      'Pick 3.',
    ]);
  });

  it('reads back only a lower quantity; "no" asks for the quantity again', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'two', 'no', 'three']);
    expect(run.spoken).toEqual([...firstSlotPrompts, 'Pick 3.', 'You said 2, asked for 3. Short product?', 'Pick 3.', 'Slot 9 B.']);
    expect(await pickOf('10234-1')).toMatchObject({ status: 'done', picked: 3 });
    await wmsCall(wms, 'POST', '/test/reset');
    const over = await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'five']);
    expect(over.spoken.slice(-2)).toEqual(['You said 5, only 3 asked.', 'Pick 3.']);
  });

  it('confirms a lower quantity as a short with a reason code', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'two', 'yes', 'damaged']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts, 'Pick 3.',
      'You said 2, asked for 3. Short product?',
      'Reason? Damaged, empty, or wrong product.',
      'Slot 9 B.',
    ]);
    expect(await pickOf('10234-1')).toMatchObject({ status: 'done', picked: 2, reasonCode: 'DMG' });
  });

  it('posts the code the short_reasons table holds, not one written in the flow', async () => {
    const data = exampleReferenceData();
    data.short_reasons!.rows = data.short_reasons!.rows.map((r) => (r.key === 'damaged' ? { ...r, value: 'WRG' } : r));
    const machine = compileExample('case-picking', data);
    await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'two', 'yes', 'damaged'], { machine });
    expect(await pickOf('10234-1')).toMatchObject({ status: 'done', picked: 2, reasonCode: 'WRG' });
  });

  it('takes "short", asks how many, and refuses a higher quantity', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'five', 'short', 'one', 'no', 'short', 'one', 'yes', 'empty']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts, 'Pick 3.',
      'You said 5, only 3 asked.', 'Pick 3.',
      'How many did you pick?', 'You said 1, asked for 3. Short product?',
      'Pick 3.',
      'How many did you pick?', 'You said 1, asked for 3. Short product?',
      'Reason? Damaged, empty, or wrong product.',
      'Slot 9 B.',
    ]);
    expect(await pickOf('10234-1')).toMatchObject({ picked: 1, reasonCode: 'EMP' });
  });

  it('answers "description" and "how much more" and stays at the step', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'description', 'how much more', 'five seven', 'description', 'three']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'milk, one litre.', 'Slot 4 A.',
      '4 picks left.', 'Slot 4 A.',
      'Pick 3.', 'milk, one litre.', 'Pick 3.',
      'Slot 9 B.',
    ]);
  });

  it('in-place words in Russian answer at the slot (after a wrong try) and at the quantity, each returning to its ask', async () => {
    const run = await runDialog(
      'case-picking',
      wms,
      ['четыре два семь', 'да', 'готов', 'готов', 'один один', 'сколько осталось', 'пять семь', 'описание', 'три'],
      { language: 'ru' },
    );
    expect(run.spoken.slice(5)).toEqual([
      'Ячейка 4 A.',
      'Неверно, повторите.', 'Ячейка 4 A.',
      'Осталось позиций: 4.', 'Ячейка 4 A.',
      'Взять 3.', 'молоко, один литр.', 'Взять 3.',
      'Ячейка 9 B.',
    ]);
    // The words went to their branches and back, never through the ask's no-match path.
    expect(run.host.events.filter((e) => e.type === 'nomatch')).toEqual([]);
    expect(run.host.events.some((e) => e.type === 'transition' && e.state === 'quantity~description~describe')).toBe(true);
  });

  it('"skip slot" moves the pick to the end of the route', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'skip slot', 'two one']);
    expect(run.spoken).toEqual([...firstSlotPrompts, 'Slot skipped.', 'Slot 9 B.', 'Pick 2.']);
    const { picks } = await wmsCall(wms, 'GET', '/picking/assignments/10234');
    expect(picks.map((p: { id: string }) => p.id)).toEqual(['10234-2', '10234-3', '10234-4', '10234-1']);
  });

  it('escalates silence, then takes the supervisor path', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, null, null, null]);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'Say again.', 'Slot 4 A.',
      'Read the check digits at the location, for example five seven.', 'Slot 4 A.',
      'No answer. Call your supervisor. Signing off.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endNoAnswer' });
  });

  it('recovers from a WMS error on a confirmation: the pick is presented again', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 500, count: 1, pathPrefix: '/picking/picks' });
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'five seven', 'three', 'ready', 'ready', 'five seven', 'three']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts, 'Pick 3.',
      'System not answering. Say ready to try again.',
      'Aisle 12.', 'Slot 4 A.', 'Pick 3.',
      'Slot 9 B.',
    ]);
    expect(await pickOf('10234-1')).toMatchObject({ status: 'done', picked: 3 });
  });

  it('keeps the operator informed when the WMS goes away after sign-on, and signs off anyway', async () => {
    const doomed = await withWms();
    const run = await runDialog('case-picking', doomed, [...signOn427, 'ready', 'sign off', 'yes'], {
      beforeRequest: async (index) => {
        if (index === 1) await doomed.close();
      },
    });
    expect(run.spoken).toEqual([
      ...signOn427Prompts,
      'System not answering. Say ready to try again.',
      'System not answering. Say ready to try again.',
      'Sign off?',
      'Signed off. Goodbye.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endSignedOff' });
    const errors = run.host.events.filter((e) => e.type === 'wms.error');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    // Connection refused is a network failure: the runtime retries it once (retries: 1).
    expect(run.calls.slice(1, 3)).toEqual(['POST /picking/assignments/next', 'POST /picking/assignments/next']);
  });

  it('signs off on "sign off" after a yes, and goes on after a no', async () => {
    const run = await runDialog('case-picking', wms, [...toFirstSlot, 'sign off', 'no', 'ready', 'sign off', 'yes']);
    expect(run.spoken).toEqual([
      ...firstSlotPrompts,
      'Sign off?', 'Aisle 12.',
      'Slot 4 A.', 'Sign off?', 'Signed off. Goodbye.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endSignedOff' });
    expect((await wmsCall(wms, 'GET', '/operators/427')).operator.signedOn).toBe(false);
  });

  it('insists on the door check digits before delivering', async () => {
    for (const [id, q] of [['10234-1', 3], ['10234-2', 2], ['10234-3', 5]] as const) {
      await wmsCall(wms, 'POST', '/operators/427/sign-on');
      await wmsCall(wms, 'POST', `/picking/picks/${id}/confirm`, { operatorId: '427', quantity: q });
    }
    const run = await runDialog('case-picking', wms, [...signOn427, 'ready', 'ready', 'nine two', 'one', 'six one', 'three eight']);
    expect(run.spoken.slice(3)).toEqual([
      'Assignment 1 0 2 3 4, 4 picks, 11 cases. Ready?',
      'Aisle 15.', 'Slot 6 A.', 'Pick 1.',
      'Deliver to door 5.', 'Wrong, try again.', 'Deliver to door 5.',
      'Assignment complete.', 'No more assignments. Goodbye.',
    ]);
  });
});
