/** The packages section's interface text, English and Russian. */
import { sectionText } from '../text.js';

export const text = sectionText({
  en: {
    installation: 'This installation', installationId: 'Installation id', fingerprint: 'Key fingerprint', publicKey: 'Public key (give it to the installations that import from here)',
    requireSignature: 'Accept only packages signed by this installation or a trusted key',
    trusted: 'Trusted keys', noTrusted: 'No trusted keys yet.', name: 'Name', addedBy: 'Added by', remove: 'Remove', add: 'Trust this key',
    keyName: 'Name (e.g. development)', keyValue: 'Public key',
    export: 'Export versions', process: 'Process', version: 'Version', choose: 'Add to the package', chosen: 'Versions in the package (their subflows and reference revisions are added)',
    nothingChosen: 'Choose at least one version.', sign: 'Sign the package', download: 'Download package', exported: 'Downloaded {file}.',
    import: 'Import a package', file: 'Package file', dryRun: 'Check (dry run)', signer: 'Signed by {name} (key {fingerprint})', unsigned: 'Not signed',
    untrusted: 'Signed by a key this installation does not trust (key {fingerprint})', own: 'Signed by this installation',
    item: 'Item', action: 'What happens', add_: 'added', present: 'already here', downgrade: 'older than here', clash: 'clash: refused',
    newProcesses: 'New processes: {list}', confirm: 'I confirm importing versions older than what this installation has',
    apply: 'Import', applied: 'Imported: {n} new, {p} already here.', nothingToDo: 'Everything in this package is already here.',
    blocked: 'This package cannot be imported: an item clashes with what is here.', tooLarge: 'The file is larger than 16 MiB.', notJson: 'The file is not JSON: {detail}',
    loading: 'Loading…',
  },
  ru: {
    installation: 'Эта установка', installationId: 'Идентификатор установки', fingerprint: 'Отпечаток ключа', publicKey: 'Открытый ключ (передайте его установкам, которые импортируют отсюда)',
    requireSignature: 'Принимать только пакеты, подписанные этой установкой или доверенным ключом',
    trusted: 'Доверенные ключи', noTrusted: 'Доверенных ключей пока нет.', name: 'Название', addedBy: 'Кто добавил', remove: 'Удалить', add: 'Доверять этому ключу',
    keyName: 'Название (например, development)', keyValue: 'Открытый ключ',
    export: 'Экспорт версий', process: 'Процесс', version: 'Версия', choose: 'Добавить в пакет', chosen: 'Версии в пакете (их подпроцессы и ревизии справочников добавляются сами)',
    nothingChosen: 'Выберите хотя бы одну версию.', sign: 'Подписать пакет', download: 'Скачать пакет', exported: 'Скачан файл {file}.',
    import: 'Импорт пакета', file: 'Файл пакета', dryRun: 'Проверить (без изменений)', signer: 'Подписан: {name} (ключ {fingerprint})', unsigned: 'Не подписан',
    untrusted: 'Подписан ключом, которому эта установка не доверяет (ключ {fingerprint})', own: 'Подписан этой установкой',
    item: 'Элемент', action: 'Что будет', add_: 'будет добавлен', present: 'уже есть', downgrade: 'старее, чем здесь', clash: 'конфликт: отказ',
    newProcesses: 'Новые процессы: {list}', confirm: 'Подтверждаю импорт версий старее тех, что есть в этой установке',
    apply: 'Импортировать', applied: 'Импортировано новых элементов: {n}, уже было: {p}.', nothingToDo: 'Всё из этого пакета здесь уже есть.',
    blocked: 'Этот пакет нельзя импортировать: элемент конфликтует с тем, что здесь есть.', tooLarge: 'Файл больше 16 МиБ.', notJson: 'Файл не в формате JSON: {detail}',
    loading: 'Загрузка…',
  },
});
export type PackagesTextKey = keyof typeof text.en;
