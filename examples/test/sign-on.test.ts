import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms, wmsCall } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

describe('sign-on', () => {
  it('reads the id back digit by digit, checks it with the WMS and greets', async () => {
    const run = await runDialog('sign-on', wms, signOn427);
    expect(run.spoken).toEqual(signOn427Prompts);
    expect(run.outcome).toMatchObject({ status: 'done', result: { operatorId: '427', operatorName: 'Ivan Petrov', operatorNameRu: 'Иван Петров' } });
    expect(run.calls).toEqual(['POST /operators/427/sign-on']);
    expect((await wmsCall(wms, 'GET', '/operators/427')).operator.signedOn).toBe(true);
  });

  it('speaks Russian when the session is Russian', async () => {
    const run = await runDialog('sign-on', wms, ['четыре два семь', 'да'], { language: 'ru' });
    expect(run.spoken).toEqual(['Номер оператора?', 'Оператор 4 2 7, верно?', 'Здравствуйте, Иван Петров.']);
    expect(run.outcome).toMatchObject({ status: 'done', result: { operatorName: 'Ivan Petrov', operatorNameRu: 'Иван Петров' } });
  });

  it('greets in Russian with the Latin name when the WMS has no Cyrillic one', async () => {
    const run = await runDialog('sign-on', wms, ['один ноль восемь', 'да'], { language: 'ru' });
    expect(run.spoken.at(-1)).toBe('Здравствуйте, John Miller.');
    expect(run.outcome).toMatchObject({ status: 'done', result: { operatorName: 'John Miller', operatorNameRu: 'John Miller' } });
  });

  it('asks again when the read-back is denied', async () => {
    const run = await runDialog('sign-on', wms, ['four two one', 'no', 'four two seven', 'yes']);
    expect(run.spoken).toEqual(['Operator ID?', 'Operator 4 2 1, correct?', 'Operator ID?', ...signOn427Prompts.slice(1)]);
    expect(run.outcome).toMatchObject({ status: 'done', result: { operatorId: '427' } });
  });

  it('refuses unknown and inactive operators, and fails after three refusals', async () => {
    const run = await runDialog('sign-on', wms, ['nine nine nine', 'yes', 'six six six', 'yes', 'one two three', 'yes']);
    expect(run.spoken).toEqual([
      'Operator ID?',
      'Operator 9 9 9, correct?',
      'Operator 9 9 9 not accepted.',
      'Operator ID?',
      'Operator 6 6 6, correct?',
      'Operator 6 6 6 not accepted.',
      'Operator ID?',
      'Operator 1 2 3, correct?',
      'Sign-on failed. Call your supervisor.',
    ]);
    expect(run.outcome).toMatchObject({ status: 'done' });
    expect(run.outcome.stateId).toBe('endFailed');
  });

  it('escalates silence: say again, help, then fails', async () => {
    const run = await runDialog('sign-on', wms, [null, null, null]);
    expect(run.spoken).toEqual([
      'Operator ID?',
      'Say again.',
      'Operator ID?',
      'Say your operator number digit by digit, for example four two seven.',
      'Operator ID?',
      'Sign-on failed. Call your supervisor.',
    ]);
    expect(run.outcome.stateId).toBe('endFailed');
  });

  it('fails sign-on when the WMS is not there at all', async () => {
    const gone = await withWms();
    await gone.close();
    const run = await runDialog('sign-on', gone, [...signOn427, ...signOn427, ...signOn427]);
    expect(run.spoken.filter((t) => t.endsWith('not accepted.'))).toHaveLength(2);
    expect(run.spoken.at(-1)).toBe('Sign-on failed. Call your supervisor.');
    expect(run.outcome.stateId).toBe('endFailed');
  });

  it('treats a WMS failure as a refusal and signs on once the WMS is back', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 500, count: 1, pathPrefix: '/operators' });
    const run = await runDialog('sign-on', wms, [...signOn427, ...signOn427]);
    expect(run.spoken).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'Operator 4 2 7 not accepted.', ...signOn427Prompts]);
    expect(run.outcome).toMatchObject({ status: 'done', result: { operatorId: '427' } });
  });
});
