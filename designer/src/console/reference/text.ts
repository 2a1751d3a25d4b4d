import { sectionText } from '../text.js';

export const referenceText = sectionText({
  en: {
    table: 'Table', revision: 'Revision', rows: 'Rows', updated: 'Saved', by: 'By', none: 'No reference tables yet.', back: 'All tables',
    key: 'Key', value: 'Value', addRow: 'Add row', remove: 'Remove', save: 'Save as revision {n}', saved: 'Saved revision {n}.', exportCsv: 'Export CSV', importCsv: 'Import CSV…',
    history: 'Revisions', frozenBy: 'Frozen by', notFrozen: 'no version', view: 'View', current: 'current', readOnly: 'Revision {n} (read-only)',
    emptyKey: 'the key is empty', duplicateKey: 'the key appears twice', spaces: 'spaces at the start or end', control: 'a tab or line break in the key',
    importTitle: 'Import {file} into {table}', importChanges: '{added} added, {changed} changed, {removed} removed, {unchanged} unchanged', importApply: 'Import as a new revision',
    importNothing: 'The file holds the same rows: nothing to import.', cancel: 'Cancel', viewer: 'Only an admin edits reference tables.',
  },
  ru: {
    table: 'Справочник', revision: 'Ревизия', rows: 'Строк', updated: 'Сохранён', by: 'Кем', none: 'Справочников пока нет.', back: 'Все справочники',
    key: 'Ключ', value: 'Значение', addRow: 'Добавить строку', remove: 'Удалить', save: 'Сохранить как ревизию {n}', saved: 'Сохранена ревизия {n}.', exportCsv: 'Выгрузить CSV', importCsv: 'Загрузить CSV…',
    history: 'Ревизии', frozenBy: 'Зафиксирована в', notFrozen: 'нет версий', view: 'Открыть', current: 'текущая', readOnly: 'Ревизия {n} (только чтение)',
    emptyKey: 'пустой ключ', duplicateKey: 'ключ повторяется', spaces: 'пробелы в начале или конце', control: 'табуляция или перевод строки в ключе',
    importTitle: 'Загрузка {file} в {table}', importChanges: 'добавлено: {added}, изменено: {changed}, удалено: {removed}, без изменений: {unchanged}', importApply: 'Загрузить как новую ревизию',
    importNothing: 'В файле те же строки: загружать нечего.', cancel: 'Отмена', viewer: 'Справочники изменяет только администратор.',
  },
});
