import type { FlowGraph } from '@voiceman/compiler';
import { FlowBuilder, spell, t } from './builder.js';

/**
 * Sign-on, the subflow every work process starts with: operator id digit by digit, read back
 * for a yes/no, checked by the WMS, then a greeting. Leaves through `done` (operatorId,
 * operatorName and operatorNameRu set) or `failed` (three refusals, no answer, or the WMS down).
 *
 * The WMS check tells its failures apart by status class: an id the WMS does not know (404) is
 * "unknown" and asked again, a refusal (403 inactive, other 4xx) is "not accepted" and asked
 * again, and a WMS that is down (5xx after one retry with a backoff, a timeout, no network)
 * ends the sign-on at once: asking the operator again cannot help.
 *
 * The WMS keeps the Latin name (`name`, what records and reports use) and may keep a Cyrillic
 * one (`nameRu`); each language's greeting says the name in its own script, and a WMS without
 * `nameRu` for the operator gets the Latin name in Russian too.
 */
export function signOnFlow(): FlowGraph {
  const b = new FlowBuilder({
    key: 'sign-on',
    name: 'Sign-on',
    description: 'Operator id, read-back, WMS check, greeting. Used as a subflow by every work process.',
    languages: ['en', 'ru'],
    variables: [
      { name: 'wmsUrl', type: 'string', default: 'http://127.0.0.1:4010', input: true, description: 'Base URL of the WMS.' },
      { name: 'operatorId', type: 'string', default: '', output: true, description: 'Digits as spoken, e.g. "427".' },
      { name: 'operatorName', type: 'string', default: '', output: true, description: 'As the WMS knows the operator (Latin).' },
      { name: 'operatorNameRu', type: 'string', default: '', output: true, description: 'In Cyrillic for Russian prompts; the Latin name when the WMS has none.' },
      { name: 'refusals', type: 'int', default: 0, description: 'Ids the WMS refused so far.' },
      { name: 'unknownId', type: 'bool', default: false, description: 'The last refusal was an id the WMS does not know (404).' },
    ],
    globalWords: [],
  });
  b.start('askId');
  b.ask('askId', {
    prompt: t('Operator ID?', 'Номер оператора?'),
    help: t('Say your operator number digit by digit, for example four two seven.', 'Назовите номер оператора по цифрам, например: четыре два семь.'),
    outcomes: [{ name: 'id', grammar: { type: 'digits', minLength: 3, maxLength: 6 }, to: 'signOnRequest' }],
    saveAs: 'operatorId',
    confirm: t(`Operator ${spell('answer.value')}, correct?`, `Оператор ${spell('answer.value')}, верно?`),
    giveUp: 'endFailed',
  });
  b.request('signOnRequest', {
    method: 'POST',
    path: '/operators/{{ operatorId }}/sign-on',
    mapping: {
      operatorName: 'response.body.operator.name',
      operatorNameRu: 'has(response.body.operator.nameRu) ? response.body.operator.nameRu : response.body.operator.name',
    },
    ok: 'greet',
    // A 5xx is tried once more after half a second; a second one means the WMS is down.
    retries: 1,
    retryStatuses: [500, 502, 503, 504],
    backoff: { type: 'exponential', delayMs: 500, maxDelayMs: 2000 },
    failures: { notFound: 'unknown', serverError: 'wmsDown', timeout: 'wmsDown', network: 'wmsDown' },
    error: 'refused',
  });
  b.say('wmsDown', t('The warehouse system is not answering.', 'Складская система не отвечает.'), 'endFailed');
  b.set('unknown', { refusals: 'refusals + 1', unknownId: 'true' }, 'tooManyRefusals');
  b.say('greet', t('Hello, {{ operatorName }}.', 'Здравствуйте, {{ operatorNameRu }}.'), 'endDone');
  b.end('endDone', { outcome: 'done', result: '{"operatorId": operatorId, "operatorName": operatorName, "operatorNameRu": operatorNameRu}' });
  b.set('refused', { refusals: 'refusals + 1', unknownId: 'false' }, 'tooManyRefusals');
  b.decision('tooManyRefusals', [{ name: 'giveUp', condition: 'refusals >= 3', to: 'endFailed' }], 'sayRefused');
  b.say(
    'sayRefused',
    t(
      `Operator ${spell('operatorId')} {{ unknownId ? 'unknown' : 'not accepted' }}.`,
      `Оператор ${spell('operatorId')} {{ unknownId ? 'не найден' : 'не принят' }}.`,
    ),
    'askId',
  );
  b.end('endFailed', {
    text: t('Sign-on failed. Call your supervisor.', 'Вход не выполнен. Позовите старшего.'),
    outcome: 'failed',
  });
  return b.build();
}
