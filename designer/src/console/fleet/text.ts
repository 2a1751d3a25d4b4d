import { sectionText } from '../text.js';

export const fleetText = sectionText({
  en: {
    refresh: 'Refresh', deployed: 'Deployed', nothingDeployed: 'nothing deployed', counts: '{terminals} {terminals:terminal|terminals}, {skewed} behind, {silent} silent',
    name: 'Name', lastSeen: 'Last seen', never: 'never', minutesAgo: '{n} min ago', versions: 'Shell / web / runtime', machines: 'Machines', missing: 'missing: {keys}',
    operator: 'Operator', state: 'Process and state', queue: 'Queue', battery: 'Battery', charging: 'charging', actions: '',
    rename: 'Rename', revoke: 'Revoke', register: 'Register a terminal', newName: 'Terminal name', create: 'Create pairing code',
    pairTitle: 'Pair a terminal at {site}', pairHint: 'On the terminal\'s setup screen, scan the code or type it. It works once, until {at}.', close: 'Close',
    revokeConfirm: 'Revoke {name}? Its token stops working at once; the device must be paired again.', cancel: 'Cancel', save: 'Save', skewTitle: 'Runs an older machine than this site deploys',
    noTerminals: 'No terminals at this site.',
  },
  ru: {
    refresh: 'Обновить', deployed: 'Развёрнуто', nothingDeployed: 'ничего не развёрнуто', counts: '{terminals} {terminals:терминал|терминала|терминалов|терминала}, отстают: {skewed}, молчат: {silent}',
    name: 'Название', lastSeen: 'Последний сигнал', never: 'никогда', minutesAgo: '{n} мин назад', versions: 'Оболочка / веб / среда', machines: 'Машины', missing: 'нет: {keys}',
    operator: 'Оператор', state: 'Процесс и состояние', queue: 'Очередь', battery: 'Батарея', charging: 'заряжается', actions: '',
    rename: 'Переименовать', revoke: 'Отозвать', register: 'Зарегистрировать терминал', newName: 'Название терминала', create: 'Создать код привязки',
    pairTitle: 'Привязка терминала: {site}', pairHint: 'На экране настройки терминала отсканируйте код или введите его. Код одноразовый, действует до {at}.', close: 'Закрыть',
    revokeConfirm: 'Отозвать {name}? Его токен сразу перестанет работать; устройство придётся привязать заново.', cancel: 'Отмена', save: 'Сохранить', skewTitle: 'Работает на более старой машине, чем развёрнута на площадке',
    noTerminals: 'На этой площадке нет терминалов.',
  },
});
