/**
 * Problem messages by stable diagnostic code, in both interface languages. English comes from
 * the compiler's own code table (`DIAGNOSTIC_CODES[code].summary`, written once); Russian is
 * typed `Record<DiagnosticCode, string>`, so a new code does not compile until it is translated.
 * The compiler's detailed English message stays available (the panel's tooltip).
 */
import { DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode } from '@voiceman/compiler';
import type { UiLang } from './messages.js';

const ru: Record<DiagnosticCode, string> = {
  'flow-not-json': 'Это не JSON',
  'flow-too-large': 'Процесс слишком большой или вложен глубже 64 уровней',
  'flow-version': 'Неподдерживаемая версия формата (formatVersion)',
  'flow-schema': 'Поле заполнено неверно',
  'duplicate-node-id': 'Два узла с одинаковым идентификатором',
  'duplicate-edge-id': 'Две связи с одинаковым идентификатором',
  'duplicate-variable': 'Переменная объявлена дважды',
  'duplicate-outcome': 'Два исхода узла с одинаковым именем',
  'variable-default-type': 'Значение по умолчанию не подходит к типу переменной',
  'start-missing': 'Нет начального узла',
  'start-multiple': 'Больше одного начального узла',
  'edge-unknown-source': 'Связь выходит из несуществующего узла',
  'edge-unknown-target': 'Связь ведёт в никуда',
  'edge-unknown-outcome': 'Связь выходит через исход, которого у узла нет',
  'edge-duplicate-outcome': 'Две связи выходят через один исход',
  'edge-into-start': 'Связь ведёт в начальный узел',
  'dead-end': 'Исход узла ни с чем не соединён',
  'unreachable-node': 'До узла нельзя дойти от начала',
  'loop-without-ask': 'Цикл может крутиться, ни разу не спросив оператора',
  'ask-no-input-path': 'У вопроса нет пути на случай тишины',
  'ask-no-match-path': 'У вопроса нет пути на случай непонятого ответа',
  'ask-vocabulary-overlap': 'Одна фраза подходит к двум исходам',
  'ask-confusable-words': 'Два слова вопроса отличаются одним звуком',
  'ask-empty-vocabulary': 'Ответ не принимает ни одной фразы на одном из языков',
  'ask-save-type': 'Тип переменной не подходит для ответа',
  'ask-wrong-path': 'У проверяемого вопроса не соединён выход «wrong» (неверные попытки)',
  'ask-check-outcome': 'Проверка называет ответ, которого у вопроса нет',
  'ask-confidence-band': 'Порог переспроса не выше минимальной уверенности: переспроса не будет',
  'missing-text': 'Нет текста на одном из языков процесса',
  'cel-invalid': 'Выражение не разбирается или не проходит проверку типов',
  'cel-regex': 'Шаблон matches — не корректное регулярное выражение RE2',
  'cel-map-key': 'Словарь использует __proto__, constructor или prototype как ключ',
  'cel-type-mismatch': 'Тип результата выражения здесь не подходит',
  'set-type-mismatch': 'Выражение даёт тип, который переменная не может хранить',
  'mapping-type-mismatch': 'Выражение ответа WMS даёт тип, который переменная не может хранить',
  'variable-reserved': 'Имя переменной зарезервировано',
  'unknown-variable': 'Переменная не объявлена',
  'global-word-builtin': 'Глобальное слово совпадает со встроенным (повтор, помощь, да/нет)',
  'global-word-target': 'Узел, к которому ведёт глобальное слово, не существует',
  'request-backoff': 'Политика повторов запроса не сработает так, как написана',
  'in-place-word-target': 'Узел, к которому ведёт слово с ответом на месте, не существует',
  'in-place-word-name': 'Слово с ответом на месте названо так же, как другое слово процесса или вопроса',
  'in-place-word-ask': 'Ветка слова с ответом на месте доходит до вопроса или подпроцесса',
  'in-place-word-leaves': 'Ветка слова с ответом на месте доходит до конца или начала, не возвращаясь',
  'in-place-word-loop': 'Ветка слова с ответом на месте зацикливается',
  'return-outside-word': 'Основной путь доходит до узла возврата (он только для веток слов с ответом на месте)',
  'request-url-not-absolute': 'Адрес запроса не начинается с http(s)://',
  'reference-table-name': 'Имя справочника не в snake_case или указано дважды',
  'reference-missing': 'Указанного справочника нет',
  'process-key-duplicate': 'Два файла задают один и тот же ключ процесса',
  'subflow-unknown-process': 'Вызываемый процесс не найден',
  'subflow-recursion': 'Подпроцесс вызывает сам себя',
  'subflow-invalid-callee': 'В вызываемом процессе есть ошибки',
  'subflow-unknown-input': 'Вход подпроцесса не является его входной переменной',
  'subflow-unknown-output': 'Выход подпроцесса не является его выходной переменной',
  'subflow-language': 'Вызываемый процесс объявлен не на всех языках вызывающего',
  'subflow-too-large': 'С подпроцессами получилось бы слишком много состояний',
  'compiler-failure': 'Сбой компилятора — сообщите, пожалуйста',
};

const en = Object.fromEntries(
  Object.entries(DIAGNOSTIC_CODES).map(([code, { summary }]) => [code, summary.charAt(0).toUpperCase() + summary.slice(1)]),
) as Record<DiagnosticCode, string>;

export const diagnosticCatalogues: Record<UiLang, Record<DiagnosticCode, string>> = { en, ru };

const FIELD_RU: Record<string, string> = {
  prompt: 'реплика', help: 'текст помощи', text: 'текст', outcomes: 'ответ', grammar: 'грамматика', phrases: 'фразы',
  saveAs: 'сохранить ответ в', noInput: 'тишина', noMatch: 'не понято', reprompts: 'переспрос', maxAttempts: 'попытки',
  confirm: 'подтверждение', branches: 'ветка', condition: 'условие', assignments: 'присваивание', variable: 'переменная',
  expr: 'выражение', url: 'адрес', body: 'тело', headers: 'заголовки', mapping: 'разбор ответа', inputs: 'входы', outputs: 'выходы',
  result: 'результат', outcome: 'исход', processKey: 'вызываемый процесс', min: 'минимум', max: 'максимум', minExpr: 'минимум',
  maxExpr: 'максимум', minLength: 'мин. длина', maxLength: 'макс. длина', timeoutMs: 'ожидание', retries: 'повторы',
  retryStatuses: 'статусы для повтора', backoff: 'пауза между попытками', delayMs: 'пауза', maxDelayMs: 'наибольшая пауза', errorOutcomes: 'выходы сбоев',
  variables: 'переменная', default: 'по умолчанию', name: 'имя', key: 'ключ', languages: 'языки', globalWords: 'глобальное слово',
  referenceTables: 'справочник', settings: 'настройки', label: 'подпись', en: 'английский', ru: 'русский',
};

/** Where in the node a Russian reader should look: `/mapping/0/expr` → "разбор ответа 1, выражение". */
export function fieldInRussian(field: string): string {
  if (field.startsWith('outcome:')) return `исход «${field.slice('outcome:'.length)}»`;
  const parts: string[] = [];
  for (const segment of field.split('/').slice(1)) {
    if (segment === 'data' || segment === 'process' || segment === '') continue;
    if (/^\d+$/.test(segment)) {
      if (parts.length > 0) parts[parts.length - 1] += ` ${Number(segment) + 1}`;
      continue;
    }
    parts.push(FIELD_RU[segment] ?? segment);
  }
  return parts.join(', ');
}

/** The names a message quotes ("qty", Unknown variable: x), which read the same in any language. */
function quotedNames(message: string): string[] {
  const unknown = /Unknown variable: ([A-Za-z_][A-Za-z0-9_]*)/.exec(message)?.[1];
  if (unknown) return [unknown];
  // Identifiers only (variable, outcome, node, process names): quoted texts are in another language.
  return [...new Set([...message.matchAll(/"([A-Za-z_][\w.-]{0,60})"/g)].map((m) => m[1]!))].slice(0, 3);
}

/**
 * The line a problem shows in the interface language: English keeps the compiler's detailed
 * message; Russian is the catalogue's sentence, where it is, and the names it concerns.
 */
export function diagnosticText(d: Diagnostic, lang: UiLang): string {
  if (lang === 'en') return d.message;
  // CEL's "Unknown variable: x" is the undeclared-variable problem, whatever code carries it.
  const headline = /Unknown variable: /.test(d.message) ? ru['unknown-variable'] : ru[d.code];
  const where = d.field ? fieldInRussian(d.field) : '';
  const names = quotedNames(d.message);
  return `${headline}${where ? ` (${where})` : ''}${names.length ? `: ${names.map((n) => `«${n}»`).join(', ')}` : ''}.`;
}
