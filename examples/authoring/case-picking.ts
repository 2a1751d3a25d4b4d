import type { FlowGraph } from '@voiceman/compiler';
import { FlowBuilder, checkDigitsStep, commonVariables, count, grammar, signOffWord, signOnAndOff, spell, nextWorkStep, nextWorkVariables, t } from './builder.js';

/**
 * Case picking, as in the trade primer: assignment summary, then per pick "aisle" → ready,
 * "slot" → check digits, "pick Q" → quantity (lower = short with a reason, higher refused),
 * each confirmation posted to the WMS; after the last pick, deliver to the door.
 *
 * Reason codes come from the reference table `short_reasons` (`ref.short_reasons[reason]`):
 * the ask's phrases are fixed in the flow for the recogniser, its outcome name is the table's
 * key, and the WMS code is the value, so a customer changes a code without editing the flow
 * (GET /reason-codes on the WMS lists the codes it accepts).
 */
export function casePickingFlow(): FlowGraph {
  const b = new FlowBuilder({
    key: 'case-picking',
    name: 'Case picking',
    description: 'Pick assignments case by case with check digits, shorts with reasons, skip slot, delivery to the door.',
    languages: ['en', 'ru'],
    variables: [
      ...commonVariables,
      ...nextWorkVariables('assignment', 'Current assignment (WMS view), null before the first.', 'The WMS had an assignment.'),
      { name: 'pick', type: 'dyn', default: null, description: 'Current pick (WMS view), null when none.' },
      { name: 'done', type: 'bool', default: false, description: 'Every pick of the assignment is confirmed.' },
      { name: 'remaining', type: 'int', default: 0, description: 'Open picks, as the WMS counts them.' },
      { name: 'currentAisle', type: 'string', default: '', description: 'Aisle last announced: an aisle is spoken once when it changes.' },
      { name: 'quantityAnswer', type: 'dyn', default: null, description: 'Answer to "pick Q": a number, or "short".' },
      { name: 'pickedQty', type: 'int', default: 0 },
      { name: 'reason', type: 'string', default: '', description: 'Outcome name of the short reason.' },
    ],
    referenceTables: ['short_reasons'],
    globalWords: [{ name: 'skipSlot', phrases: { en: ['skip slot'], ru: ['пропустить'] }, target: 'skipSlot' }, signOffWord],
  });

  b.start('signOn');
  signOnAndOff(b, { signedOn: 'getAssignment', resume: 'resume' });

  nextWorkStep(b, {
    id: 'getAssignment',
    path: '/picking/assignments/next',
    variable: 'assignment',
    first: 'newAssignment',
    noWork: t('No more assignments. Goodbye.', 'Заданий больше нет. До свидания.'),
  });
  b.set('newAssignment', { currentAisle: '""' }, 'summary');
  b.ask('summary', {
    prompt: t(
      `Assignment ${spell('assignment.id')}, ${count('assignment.pickCount', 'pick', 'picks')}, ${count('assignment.caseCount', 'case', 'cases')}. Ready?`,
      `Задание ${spell('assignment.id')}, ${count('assignment.pickCount', 'позиция', 'позиции', 'позиций')}, ${count('assignment.caseCount', 'коробка', 'коробки', 'коробок')}. Готов?`,
    ),
    help: t('Say ready to start picking.', 'Скажите «готов», чтобы начать отбор.'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'nextPick' }],
    giveUp: 'endNoAnswer',
  });

  b.request('nextPick', {
    method: 'GET',
    path: '/picking/assignments/{{ assignment.id }}/next-pick',
    mapping: { done: 'response.body.done', remaining: 'response.body.remaining', pick: 'response.body.pick' },
    ok: 'allPicked',
    error: 'wmsError',
  });
  b.decision('allPicked', [{ name: 'deliver', condition: 'done', to: 'door' }], 'aisleChanged');
  b.decision('aisleChanged', [{ name: 'announce', condition: 'pick.aisle != currentAisle', to: 'aisle' }], 'slot');
  b.ask('aisle', {
    prompt: t('Aisle {{ pick.aisle }}.', 'Проход {{ pick.aisle }}.'),
    help: t('Go to aisle {{ pick.aisle }} and say ready.', 'Пройдите в проход {{ pick.aisle }} и скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'aisleAnnounced' }],
    giveUp: 'endNoAnswer',
  });
  b.set('aisleAnnounced', { currentAisle: 'pick.aisle' }, 'slot');

  // Words that answer in place: heard at the slot and the quantity, they speak and return to
  // the ask, which prompts again.
  const infoWords = [
    { name: 'description', phrases: { en: ['description'], ru: ['описание'] }, target: 'describe' },
    { name: 'howMuchMore', phrases: { en: ['how much more'], ru: ['сколько осталось'] }, target: 'howMuchMore' },
  ];
  checkDigitsStep(b, 'slot', {
    prompt: t('Slot {{ pick.slot }}.', 'Ячейка {{ pick.slot }}.'),
    expected: 'pick.checkDigits',
    next: 'quantity',
    inPlaceWords: infoWords,
  });

  b.ask('quantity', {
    prompt: t('Pick {{ pick.quantity }}.', 'Взять {{ pick.quantity }}.'),
    help: t('Say how many cases you picked, or short.', 'Скажите, сколько коробок взяли, или «недостача».'),
    outcomes: [
      { name: 'quantity', grammar: { type: 'number', min: 0, max: 999 }, to: 'takeQuantity' },
      { name: 'short', grammar: grammar.phrases(['short'], ['недостача']), to: 'shortQuantity' },
    ],
    saveAs: 'quantityAnswer',
    // A lower quantity is a short: read back, "no" asks for the quantity again.
    confirm: t('You said {{ answer.value }}, asked for {{ pick.quantity }}. Short product?', 'Вы сказали {{ answer.value }}, нужно {{ pick.quantity }}. Недостача?'),
    confirmWhen: 'answer.name == "quantity" && answer.value < pick.quantity',
    giveUp: 'endNoAnswer',
    inPlaceWords: infoWords,
  });
  b.say('describe', t('{{ pick.description.en }}.', '{{ pick.description.ru }}.'), 'backToPick');
  b.say('howMuchMore', t('{{ remaining }} picks left.', 'Осталось позиций: {{ remaining }}.'), 'backToPick');
  b.back('backToPick');
  b.set('takeQuantity', { pickedQty: 'int(quantityAnswer)' }, 'checkQuantity');
  b.decision(
    'checkQuantity',
    [
      { name: 'full', condition: 'pickedQty == pick.quantity', to: 'confirmFull' },
      { name: 'over', condition: 'pickedQty > pick.quantity', to: 'overPick' },
    ],
    'reason',
  );
  b.say(
    'overPick',
    t('You said {{ pickedQty }}, only {{ pick.quantity }} asked.', 'Вы сказали {{ pickedQty }}, нужно только {{ pick.quantity }}.'),
    'quantity',
  );
  b.ask('shortQuantity', {
    prompt: t('How many did you pick?', 'Сколько взяли?'),
    help: t('Say how many cases you picked, less than {{ pick.quantity }}.', 'Скажите, сколько коробок взяли, меньше {{ pick.quantity }}.'),
    outcomes: [{ name: 'quantity', grammar: { type: 'number', min: 0, maxExpr: 'pick.quantity - 1' }, to: 'confirmShort' }],
    saveAs: 'pickedQty',
    giveUp: 'endNoAnswer',
  });
  b.ask('confirmShort', {
    prompt: t(
      'You said {{ pickedQty }}, asked for {{ pick.quantity }}. Short product?',
      'Вы сказали {{ pickedQty }}, нужно {{ pick.quantity }}. Недостача?',
    ),
    help: t('Say yes to report a short, no to say the quantity again.', 'Скажите «да», если товара не хватает, или «нет», чтобы назвать количество снова.'),
    outcomes: [
      { name: 'yes', grammar: grammar.yes, to: 'reason' },
      { name: 'no', grammar: grammar.no, to: 'quantity' },
    ],
    giveUp: 'endNoAnswer',
  });
  b.ask('reason', {
    prompt: t('Reason? Damaged, empty, or wrong product.', 'Причина? Повреждено, пусто или не тот товар.'),
    help: t('Say damaged, empty, or wrong product.', 'Скажите: повреждено, пусто или не тот товар.'),
    outcomes: [
      { name: 'damaged', grammar: grammar.phrases(['damaged'], ['повреждено']), to: 'postShort' },
      { name: 'empty', grammar: grammar.phrases(['empty'], ['пусто']), to: 'postShort' },
      { name: 'wrongProduct', grammar: grammar.phrases(['wrong product'], ['не тот товар']), to: 'postShort' },
    ],
    saveAs: 'reason',
    giveUp: 'endNoAnswer',
  });
  b.request('postShort', {
    method: 'POST',
    path: '/picking/picks/{{ pick.id }}/confirm',
    body: '{"operatorId": operatorId, "quantity": pickedQty, "reasonCode": ref.short_reasons[reason]}',
    ok: 'nextPick',
    error: 'wmsError',
  });
  b.request('confirmFull', {
    method: 'POST',
    path: '/picking/picks/{{ pick.id }}/confirm',
    body: '{"operatorId": operatorId, "quantity": pickedQty}',
    ok: 'nextPick',
    error: 'wmsError',
  });

  checkDigitsStep(b, 'door', {
    prompt: t('Deliver to door {{ assignment.doorNumber }}.', 'Доставьте на ворота {{ assignment.doorNumber }}.'),
    expected: 'assignment.doorCheckDigits',
    next: 'deliver',
  });
  b.request('deliver', {
    method: 'POST',
    path: '/picking/assignments/{{ assignment.id }}/deliver',
    body: '{"operatorId": operatorId, "doorId": assignment.doorId}',
    ok: 'assignmentComplete',
    error: 'wmsError',
  });
  b.say('assignmentComplete', t('Assignment complete.', 'Задание выполнено.'), 'getAssignment');

  // Global word: the WMS moves the pick to the end of the route, the next one is presented.
  b.decision('skipSlot', [{ name: 'hasPick', condition: 'pick != null', to: 'postSkip' }], 'resume');
  b.request('postSkip', {
    method: 'POST',
    path: '/picking/picks/{{ pick.id }}/skip',
    body: '{"operatorId": operatorId}',
    ok: 'skipped',
    error: 'wmsError',
  });
  b.say('skipped', t('Slot skipped.', 'Ячейка пропущена.'), 'nextPick');

  // Every WMS failure lands here; the WMS is the record, so going on means asking it again.
  b.ask('wmsError', {
    prompt: t('System not answering. Say ready to try again.', 'Система не отвечает. Скажите «готов», чтобы повторить.'),
    help: t('The warehouse system did not answer. Say ready to try again, or sign off.', 'Складская система не ответила. Скажите «готов», чтобы повторить, или «выход».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: 'resume' }],
    giveUp: 'endNoAnswer',
  });
  b.decision('resume', [{ name: 'noAssignment', condition: 'assignment == null', to: 'getAssignment' }], 'reannounce');
  b.set('reannounce', { currentAisle: '""' }, 'nextPick');
  return b.build();
}
