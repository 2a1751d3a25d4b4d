import type { FlowGraph } from '@voiceman/compiler';
import { FlowBuilder, checkDigitsStep, commonVariables, grammar, signOffWord, signOnAndOff, nextWorkStep, nextWorkVariables, t } from './builder.js';

/**
 * Replenishment: take cases from a reserve location (check digits, quantity taken) to the pick
 * face (check digits, put), then confirm the move to the WMS.
 */
export function replenishmentFlow(): FlowGraph {
  const b = new FlowBuilder({
    key: 'replenishment',
    name: 'Replenishment',
    description: 'Reserve to pick face: both locations proven by check digits, quantity moved confirmed to the WMS.',
    languages: ['en', 'ru'],
    variables: [
      ...commonVariables,
      ...nextWorkVariables('task', 'Current replenishment task (WMS view).'),
      { name: 'quantity', type: 'int', default: 0, description: 'Cases taken from reserve.' },
    ],
    globalWords: [signOffWord],
  });
  b.start('signOn');
  signOnAndOff(b, { signedOn: 'getTask', resume: 'getTask' });

  nextWorkStep(b, {
    id: 'getTask',
    path: '/replenishment/tasks/next',
    variable: 'task',
    first: 'fromAisle',
    noWork: t('No more replenishments. Goodbye.', 'Пополнений больше нет. До свидания.'),
  });
  b.ask('fromAisle', {
    prompt: t('Replenish {{ task.description.en }}. Aisle {{ task.from.aisle }}.', 'Пополнение: {{ task.description.ru }}. Проход {{ task.from.aisle }}.'),
    help: t('Go to reserve aisle {{ task.from.aisle }} and say ready.', 'Пройдите в проход хранения {{ task.from.aisle }} и скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'fromSlot' }],
    giveUp: 'endNoAnswer',
  });
  checkDigitsStep(b, 'fromSlot', {
    prompt: t('Slot {{ task.from.slot }}, level {{ task.from.level }}.', 'Ячейка {{ task.from.slot }}, ярус {{ task.from.level }}.'),
    expected: 'task.from.checkDigits',
    next: 'take',
  });
  b.ask('take', {
    prompt: t('Take {{ task.quantity }}.', 'Взять {{ task.quantity }}.'),
    help: t('Say how many cases you took, at most {{ task.quantity }}.', 'Скажите, сколько коробок взяли, не больше {{ task.quantity }}.'),
    outcomes: [{ name: 'quantity', grammar: { type: 'number', min: 1, max: 9999 }, to: 'checkTaken' }],
    saveAs: 'quantity',
    giveUp: 'endNoAnswer',
  });
  b.decision('checkTaken', [{ name: 'over', condition: 'quantity > task.quantity', to: 'overTake' }], 'toAisle');
  b.say(
    'overTake',
    t('You said {{ quantity }}, only {{ task.quantity }} asked.', 'Вы сказали {{ quantity }}, нужно только {{ task.quantity }}.'),
    'take',
  );
  b.ask('toAisle', {
    prompt: t('Aisle {{ task.to.aisle }}.', 'Проход {{ task.to.aisle }}.'),
    help: t('Take the cases to pick aisle {{ task.to.aisle }} and say ready.', 'Отвезите коробки в проход отбора {{ task.to.aisle }} и скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'toSlot' }],
    giveUp: 'endNoAnswer',
  });
  checkDigitsStep(b, 'toSlot', {
    prompt: t('Slot {{ task.to.slot }}. Put {{ quantity }}.', 'Ячейка {{ task.to.slot }}. Положить {{ quantity }}.'),
    expected: 'task.to.checkDigits',
    next: 'confirm',
  });
  b.request('confirm', {
    method: 'POST',
    path: '/replenishment/tasks/{{ task.id }}/confirm',
    body: '{"operatorId": operatorId, "quantity": quantity}',
    ok: 'replenished',
    error: 'wmsError',
  });
  b.say('replenished', t('Replenishment complete.', 'Пополнение выполнено.'), 'getTask');
  b.ask('wmsError', {
    prompt: t('System not answering. Say ready to try again.', 'Система не отвечает. Скажите «готов», чтобы повторить.'),
    help: t('The warehouse system did not answer. Say ready to try again, or sign off.', 'Складская система не ответила. Скажите «готов», чтобы повторить, или «выход».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'getTask' }],
    giveUp: 'endNoAnswer',
  });
  return b.build();
}
