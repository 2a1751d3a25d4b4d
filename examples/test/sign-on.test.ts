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
    expect(run.outcome).toMatchObject({ status: 'done', outcome: 'done', result: { operatorId: '427', operatorName: 'Ivan Petrov', operatorNameRu: 'Иван Петров' } });
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

  it('tells an unknown operator (404) from an inactive one (403), and fails after three refusals', async () => {
    const run = await runDialog('sign-on', wms, ['nine nine nine', 'yes', 'six six six', 'yes', 'one two three', 'yes']);
    expect(run.spoken).toEqual([
      'Operator ID?',
      'Operator 9 9 9, correct?',
      'Operator 9 9 9 unknown.',
      'Operator ID?',
      'Operator 6 6 6, correct?',
      'Operator 6 6 6 not accepted.',
      'Operator ID?',
      'Operator 1 2 3, correct?',
      'Sign-on failed. Call your supervisor.',
    ]);
    // A 404 is an answer, not an outage: never tried again.
    expect(run.calls).toEqual(['POST /operators/999/sign-on', 'POST /operators/666/sign-on', 'POST /operators/123/sign-on']);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endFailed', outcome: 'failed' });
  });

  it('says an unknown operator is not found in Russian', async () => {
    const run = await runDialog('sign-on', wms, ['девять девять девять', 'да', 'четыре два семь', 'да'], { language: 'ru' });
    expect(run.spoken.slice(0, 4)).toEqual(['Номер оператора?', 'Оператор 9 9 9, верно?', 'Оператор 9 9 9 не найден.', 'Номер оператора?']);
    expect(run.outcome).toMatchObject({ status: 'done', outcome: 'done' });
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

  it('says the WMS is down, without asking again, when the WMS is not there at all', async () => {
    const gone = await withWms();
    await gone.close();
    const run = await runDialog('sign-on', gone, [...signOn427, ...signOn427, ...signOn427]);
    expect(run.spoken).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'The warehouse system is not answering.', 'Sign-on failed. Call your supervisor.']);
    // One retry of the network failure, then the network outcome.
    expect(run.calls).toEqual(['POST /operators/427/sign-on', 'POST /operators/427/sign-on']);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endFailed', outcome: 'failed' });
  });

  it('tries a 500 again after the backoff and signs on once the WMS is back', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 500, count: 1, pathPrefix: '/operators' });
    const run = await runDialog('sign-on', wms, signOn427);
    expect(run.spoken).toEqual(signOn427Prompts);
    expect(run.calls).toEqual(['POST /operators/427/sign-on', 'POST /operators/427/sign-on']);
    const errors = run.host.events.filter((e) => e.type === 'wms.error').map((e) => [e.data.status, e.data.retryInMs]);
    expect(errors).toEqual([[500, 500]]);
    expect(run.outcome).toMatchObject({ status: 'done', outcome: 'done', result: { operatorId: '427' } });
  });

  it('a WMS answering 5xx twice is down: sign-on ends at once (5xx, not "unknown operator")', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 503, count: 2, pathPrefix: '/operators' });
    const run = await runDialog('sign-on', wms, [...signOn427, ...signOn427]);
    expect(run.spoken).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'The warehouse system is not answering.', 'Sign-on failed. Call your supervisor.']);
    expect(run.calls).toHaveLength(2);
    expect(run.outcome).toMatchObject({ status: 'done', stateId: 'endFailed', outcome: 'failed' });
  });
});
