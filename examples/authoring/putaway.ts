import type { FlowGraph } from '@voiceman/compiler';
import { FlowBuilder, checkDigitsStep, commonVariables, count, grammar, signOffWord, signOnAndOff, spell, nextWorkStep, nextWorkVariables, t } from './builder.js';

/**
 * Putaway: take the next pallet from receiving to its storage location, prove the location with
 * its check digits, confirm the whole pallet's quantity.
 */
export function putawayFlow(): FlowGraph {
  const b = new FlowBuilder({
    key: 'putaway',
    name: 'Putaway',
    description: 'Pallets from receiving to storage: location check digits and quantity confirmed to the WMS.',
    languages: ['en', 'ru'],
    variables: [
      ...commonVariables,
      ...nextWorkVariables('task', 'Current putaway task (WMS view).'),
      { name: 'quantity', type: 'int', default: 0 },
    ],
    globalWords: [signOffWord],
  });
  b.start('signOn');
  signOnAndOff(b, { signedOn: 'getTask', resume: 'getTask' });

  nextWorkStep(b, {
    id: 'getTask',
    path: '/putaway/tasks/next',
    variable: 'task',
    first: 'pallet',
    noWork: t('No more putaways. Goodbye.', 'Размещений больше нет. До свидания.'),
  });
  b.ask('pallet', {
    prompt: t(
      `Pallet ${spell('task.lpnTail')}, ${count('task.quantity', 'case', 'cases')}, {{ task.description.en }}. Aisle {{ task.location.aisle }}.`,
      `Паллета ${spell('task.lpnTail')}, ${count('task.quantity', 'коробка', 'коробки', 'коробок')}, {{ task.description.ru }}. Проход {{ task.location.aisle }}.`,
    ),
    help: t('Take the pallet to aisle {{ task.location.aisle }} and say ready.', 'Отвезите паллету в проход {{ task.location.aisle }} и скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'slot' }],
    giveUp: 'endNoAnswer',
  });
  checkDigitsStep(b, 'slot', {
    prompt: t('Slot {{ task.location.slot }}, level {{ task.location.level }}.', 'Ячейка {{ task.location.slot }}, ярус {{ task.location.level }}.'),
    expected: 'task.location.checkDigits',
    next: 'quantityPut',
  });
  b.ask('quantityPut', {
    prompt: t('Put {{ task.quantity }}.', 'Положить {{ task.quantity }}.'),
    help: t('Say how many cases you put away.', 'Скажите, сколько коробок разместили.'),
    outcomes: [{ name: 'quantity', grammar: { type: 'number', min: 0, max: 9999 }, to: 'checkQuantity' }],
    saveAs: 'quantity',
    giveUp: 'endNoAnswer',
  });
  b.decision('checkQuantity', [{ name: 'whole', condition: 'quantity == task.quantity', to: 'confirm' }], 'wrongQuantity');
  b.say(
    'wrongQuantity',
    t('You said {{ quantity }}, the pallet has {{ task.quantity }}.', 'Вы сказали {{ quantity }}, на паллете {{ task.quantity }}.'),
    'quantityPut',
  );
  b.request('confirm', {
    method: 'POST',
    path: '/putaway/tasks/{{ task.id }}/confirm',
    body: '{"operatorId": operatorId, "quantity": quantity}',
    ok: 'putawayDone',
    error: 'wmsError',
  });
  b.say('putawayDone', t('Putaway complete.', 'Размещение выполнено.'), 'getTask');
  b.ask('wmsError', {
    prompt: t('System not answering. Say ready to try again.', 'Система не отвечает. Скажите «готов», чтобы повторить.'),
    help: t('The warehouse system did not answer. Say ready to try again, or sign off.', 'Складская система не ответила. Скажите «готов», чтобы повторить, или «выход».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'getTask' }],
    giveUp: 'endNoAnswer',
  });
  return b.build();
}
