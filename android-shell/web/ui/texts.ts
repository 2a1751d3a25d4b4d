/** Screen texts in English and Russian (the terminal's languages); the browser's language picks. */
const en = {
  pair: 'Pair', setupTitle: 'Set up this terminal', servers: 'Server URLs (main, then standby)', code: 'Pairing code',
  chooseTitle: 'Choose work', answerHint: 'Type what the operator says', send: 'Say', microphone: 'Microphone',
  louder: 'Louder', quieter: 'Quieter', faster: 'Faster', slower: 'Slower', operator: 'Operator', noOperator: 'Not signed on',
  online: 'Online', offline: 'Offline', queue: 'Queue', rejected: 'Rejected', newVersion: 'New version waiting',
  heard: 'Heard', silence: '(silence)', noProcesses: 'No process is deployed to this site yet.',
};
const ru: typeof en = {
  pair: 'Подключить', setupTitle: 'Настройка терминала', servers: 'Адреса серверов (основной, затем резервный)', code: 'Код подключения',
  chooseTitle: 'Выберите работу', answerHint: 'Введите ответ оператора', send: 'Ответить', microphone: 'Микрофон',
  louder: 'Громче', quieter: 'Тише', faster: 'Быстрее', slower: 'Медленнее', operator: 'Оператор', noOperator: 'Не вошёл',
  online: 'На связи', offline: 'Нет связи', queue: 'Очередь', rejected: 'Отклонено', newVersion: 'Ждёт новая версия',
  heard: 'Услышано', silence: '(тишина)', noProcesses: 'На этот склад ещё не выпущено ни одного процесса.',
};
export type ScreenText = typeof en;
export function screenText(locale: string): ScreenText {
  return locale.toLowerCase().startsWith('ru') ? ru : en;
}
