import type { FlowGraph } from '@voiceman/compiler';
import { FlowBuilder, checkDigitsStep, commonVariables, grammar, signOffWord, signOnAndOff, nextWorkStep, nextWorkVariables, t } from './builder.js';

/**
 * Cycle count, blind: the operator is never told the expected quantity. A first count that
 * differs from the WMS gets one recount; the WMS records the second count as final.
 */
export function cycleCountFlow(): FlowGraph {
  const b = new FlowBuilder({
    key: 'cycle-count',
    name: 'Cycle count',
    description: 'Blind counts of locations: check digits, spoken quantity, one recount when the WMS disagrees.',
    languages: ['en', 'ru'],
    variables: [
      ...commonVariables,
      ...nextWorkVariables('task', 'Current count task (WMS view, no expected quantity).'),
      { name: 'counted', type: 'int', default: 0 },
      { name: 'countResult', type: 'string', default: '', description: 'match, recount or variance, as the WMS answered.' },
    ],
    globalWords: [signOffWord],
  });
  b.start('signOn');
  signOnAndOff(b, { signedOn: 'getTask', resume: 'getTask' });

  nextWorkStep(b, {
    id: 'getTask',
    path: '/counts/tasks/next',
    variable: 'task',
    first: 'aisle',
    noWork: t('No more counts. Goodbye.', 'Пересчётов больше нет. До свидания.'),
  });
  b.ask('aisle', {
    prompt: t('Count. Aisle {{ task.location.aisle }}.', 'Пересчёт. Проход {{ task.location.aisle }}.'),
    help: t('Go to aisle {{ task.location.aisle }} and say ready.', 'Пройдите в проход {{ task.location.aisle }} и скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'slot' }],
    giveUp: 'endNoAnswer',
  });
  checkDigitsStep(b, 'slot', {
    prompt: t('Slot {{ task.location.slot }}.', 'Ячейка {{ task.location.slot }}.'),
    expected: 'task.location.checkDigits',
    next: 'count',
  });
  const countOutcome = [{ name: 'quantity', grammar: { type: 'number', min: 0, max: 9999 } as const, to: 'postCount' }];
  b.ask('count', {
    prompt: t('{{ task.description.en }}. How many cases?', '{{ task.description.ru }}. Сколько коробок?'),
    help: t('Count the cases in the slot and say the number.', 'Пересчитайте коробки в ячейке и назовите число.'),
    outcomes: countOutcome,
    saveAs: 'counted',
    giveUp: 'endNoAnswer',
  });
  b.request('postCount', {
    method: 'POST',
    path: '/counts/tasks/{{ task.id }}/count',
    body: '{"operatorId": operatorId, "quantity": counted}',
    mapping: { countResult: 'response.body.result' },
    ok: 'needsRecount',
    error: 'wmsError',
  });
  b.decision('needsRecount', [{ name: 'recount', condition: 'countResult == "recount"', to: 'recount' }], 'countRecorded');
  b.ask('recount', {
    prompt: t('Count differs. Count again. How many cases?', 'Количество не совпадает. Пересчитайте. Сколько коробок?'),
    help: t('Count the cases once more and say the number.', 'Пересчитайте коробки ещё раз и назовите число.'),
    outcomes: countOutcome,
    saveAs: 'counted',
    giveUp: 'endNoAnswer',
  });
  b.say('countRecorded', t('Count recorded.', 'Пересчёт записан.'), 'getTask');
  b.ask('wmsError', {
    prompt: t('System not answering. Say ready to try again.', 'Система не отвечает. Скажите «готов», чтобы повторить.'),
    help: t('The warehouse system did not answer. Say ready to try again, or sign off.', 'Складская система не ответила. Скажите «готов», чтобы повторить, или «выход».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'getTask' }],
    giveUp: 'endNoAnswer',
  });
  return b.build();
}
