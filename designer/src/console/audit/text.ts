import { sectionText } from '../text.js';

export const auditText = sectionText({
  en: {
    action: 'Action', targetCol: 'Target', anyAction: 'any', actor: 'Who', target: 'Target contains', from: 'From', to: 'To', apply: 'Apply', reset: 'Clear',
    export: 'Export CSV', more: 'Older entries', none: 'No entries match.', at: 'When', address: 'From address', before: 'Before', after: 'After',
    shown: '{n} {n:entry|entries} shown',
  },
  ru: {
    action: 'Действие', targetCol: 'Объект', anyAction: 'любое', actor: 'Кто', target: 'Объект содержит', from: 'С', to: 'По', apply: 'Применить', reset: 'Сбросить',
    export: 'Выгрузить CSV', more: 'Более ранние записи', none: 'Записей нет.', at: 'Когда', address: 'С адреса', before: 'До', after: 'После',
    shown: 'Показано: {n} {n:запись|записи|записей|записи}',
  },
});
