/** Realistic machines as the compiler would write them (hand-written here, in the published format). */
import type { AskParams, MachineJson, StateJson } from '../src/index.js';

const policy = (en: string[], max = 3): AskParams['noInput'] => ({ reprompts: en.map((t) => ({ en: t })), maxAttempts: max });

function st(id: string, kind: string, rest: Omit<StateJson, 'id' | 'meta'>, scope = 'main'): StateJson {
  return { id, meta: { vm: { nodeId: `n-${id}`, kind, scope } }, ...rest };
}

/** Sign on, fetch an assignment, pick with check digits and quantity, sign off globally. */
export const pickMachine: MachineJson = {
  id: 'case-pick',
  initial: 'welcome',
  meta: {
    vm: {
      formatVersion: 1,
      processKey: 'case-pick',
      name: 'Case picking',
      languages: ['en', 'ru'],
      scopes: {
        main: {
          processKey: 'case-pick',
          variables: {
            operator: { type: 'string' },
            assignment: { type: 'map' },
            picked: { type: 'int', default: 0 },
            qty: { type: 'int' },
            checkDigits: { type: 'string' },
          },
        },
      },
      globalWords: [{ name: 'signOff', phrases: { en: ['sign off'], ru: ['выход'] } }],
      settings: { minConfidence: 0.5, noInputTimeoutMs: 7000 },
    },
  },
  on: { 'GLOBAL.signOff': { target: '#signedOff' } },
  states: {
    welcome: st('welcome', 'say', { entry: [{ type: 'vm.say', params: { text: { en: 'Welcome to voice picking', ru: 'Добро пожаловать' } } }], always: { target: '#operatorId' } }),
    operatorId: st('operatorId', 'ask', {
      entry: [
        {
          type: 'vm.ask',
          params: {
            prompt: { en: 'Operator ID?', ru: 'Номер оператора?' },
            help: { en: 'Say your operator number digit by digit', ru: 'Назовите номер по цифрам' },
            outcomes: [{ name: 'id', grammar: { type: 'digits', minLength: 3, maxLength: 3 } }],
            noInput: policy(['I did not hear you.', 'Please say your operator number.']),
            noMatch: policy(['Say again.']),
            confirm: { prompt: { en: 'Operator {{ answer.value }}, correct?', ru: 'Оператор {{ answer.value }}, верно?' } },
          },
        },
      ],
      on: {
        'ANSWER.id': { target: '#getAssignment', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'operator', expr: 'event.value' }] } }] },
        NOINPUT: { target: '#signedOff' },
        NOMATCH: { target: '#signedOff' },
      },
    }),
    getAssignment: st('getAssignment', 'request', {
      entry: [
        {
          type: 'vm.request',
          params: {
            method: 'POST',
            url: 'https://wms.example/operators/{{ operator }}/assignment?terminal={{ session.terminalId }}',
            body: '{"operator": operator}',
            headers: { 'x-terminal': '{{ session.terminalId }}' },
            timeoutMs: 3000,
            retries: 1,
          },
        },
      ],
      on: {
        'REQUEST.OK': { target: '#slot', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'assignment', expr: 'event.body' }, { variable: 'checkDigits', expr: 'event.body.checkDigits' }] } }] },
        'REQUEST.ERROR': { target: '#wmsDown' },
      },
    }),
    wmsDown: st('wmsDown', 'end', { type: 'final', entry: [{ type: 'vm.say', params: { text: { en: 'No work available', ru: 'Нет работы' } } }, { type: 'vm.result', params: { expr: '"wms-error"' } }] }),
    slot: st('slot', 'ask', {
      entry: [
        {
          type: 'vm.ask',
          params: {
            prompt: { en: 'Aisle {{ assignment.aisle }}, slot {{ assignment.slot }}', ru: 'Ряд {{ assignment.aisle }}, ячейка {{ assignment.slot }}' },
            outcomes: [{ name: 'digits', grammar: { type: 'digits', minLength: 2, maxLength: 2 } }],
            noInput: policy(['Check digits?']),
            noMatch: policy(['Say again.', 'Say the check digits, one by one.']),
          },
        },
      ],
      on: {
        'ANSWER.digits': [
          { guard: { type: 'vm.cel', params: { expr: 'event.value == checkDigits' } }, target: '#quantity' },
          { target: '#wrongSlot' },
        ],
        NOINPUT: { target: '#signedOff' },
        NOMATCH: { target: '#signedOff' },
      },
    }),
    wrongSlot: st('wrongSlot', 'say', { entry: [{ type: 'vm.say', params: { text: { en: 'Wrong, {{ assignment.aisle }}, {{ assignment.slot }}', ru: 'Неверно' } } }], always: { target: '#slot' } }),
    quantity: st('quantity', 'ask', {
      entry: [
        {
          type: 'vm.ask',
          params: {
            prompt: { en: 'Pick {{ assignment.qty }}', ru: 'Возьмите {{ assignment.qty }}' },
            outcomes: [{ name: 'qty', grammar: { type: 'number', min: 0, maxExpr: 'assignment.qty' } }],
            noInput: policy([]),
            noMatch: policy(['Quantity?']),
          },
        },
      ],
      on: {
        'ANSWER.qty': {
          target: '#done',
          actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'qty', expr: 'event.value' }, { variable: 'picked', expr: 'picked + qty' }] } }],
        },
        NOINPUT: { target: '#signedOff' },
        NOMATCH: { target: '#signedOff' },
      },
    }),
    done: st('done', 'end', {
      type: 'final',
      entry: [
        { type: 'vm.say', params: { text: { en: 'Assignment complete', ru: 'Задание выполнено' } } },
        { type: 'vm.result', params: { expr: '{"picked": picked, "operator": operator}' } },
      ],
    }),
    signedOff: st('signedOff', 'end', { type: 'final', entry: [{ type: 'vm.say', params: { text: { en: 'Signed off', ru: 'Выход' } } }, { type: 'vm.result', params: { expr: '"signed-off"' } }] }),
  },
};

/** Russian-only: a yes/no safety check, then an inlined subflow (own scope) that asks for a region. */
export const safetyMachine: MachineJson = {
  id: 'safety',
  initial: 'brakes',
  meta: {
    vm: {
      formatVersion: 1,
      processKey: 'safety',
      name: 'Проверка техники',
      languages: ['ru'],
      scopes: {
        main: { processKey: 'safety', variables: { region: { type: 'int' }, brakesOk: { type: 'bool' } } },
        'region#1': { processKey: 'region', variables: { value: { type: 'int' }, max: { type: 'int', default: 10 } } },
      },
      globalWords: [],
      settings: { minConfidence: 0.6, noInputTimeoutMs: 5000 },
    },
  },
  states: {
    brakes: st('brakes', 'ask', {
      entry: [{ type: 'vm.ask', params: { prompt: { ru: 'Тормоза в порядке?' }, outcomes: [{ name: 'yes', grammar: { type: 'yes' } }, { name: 'no', grammar: { type: 'no' } }], noInput: { reprompts: [{ ru: 'Не слышу.' }], maxAttempts: 2 }, noMatch: { reprompts: [{ ru: 'Скажите да или нет.' }], maxAttempts: 2 } } }],
      on: {
        'ANSWER.yes': { target: '#regionCall', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'brakesOk', expr: 'event.value' }] } }] },
        'ANSWER.no': { target: '#unsafe' },
        NOINPUT: { target: '#unsafe' },
        NOMATCH: { target: '#unsafe' },
      },
    }),
    regionCall: st('regionCall', 'subflow', {
      entry: [{ type: 'vm.assign', params: { scope: 'region#1', from: 'main', reset: true, assignments: [{ variable: 'max', expr: '20' }] } }],
      initial: 'regionAsk',
      states: {
        regionAsk: st(
          'regionAsk',
          'ask',
          {
            entry: [{ type: 'vm.ask', params: { prompt: { ru: 'Регион? Не больше {{ max }}' }, outcomes: [{ name: 'n', grammar: { type: 'number', min: 1, maxExpr: 'max' } }], noInput: { reprompts: [], maxAttempts: 2 }, noMatch: { reprompts: [], maxAttempts: 2 } } }],
            on: {
              'ANSWER.n': { target: '#regionDone', actions: [{ type: 'vm.assign', params: { scope: 'region#1', assignments: [{ variable: 'value', expr: 'event.value' }] } }] },
              NOINPUT: { target: '#regionDone' },
              NOMATCH: { target: '#regionDone' },
            },
          },
          'region#1',
        ),
        regionDone: st('regionDone', 'end', { type: 'final' }, 'region#1'),
      },
      onDone: { target: '#ready', actions: [{ type: 'vm.assign', params: { scope: 'main', from: 'region#1', assignments: [{ variable: 'region', expr: 'value' }] } }] },
    }),
    ready: st('ready', 'end', { type: 'final', entry: [{ type: 'vm.say', params: { text: { ru: 'Регион {{ region }}. Начинаем.' } } }, { type: 'vm.result', params: { expr: 'region' } }] }),
    unsafe: st('unsafe', 'end', { type: 'final', entry: [{ type: 'vm.say', params: { text: { ru: 'Сообщите механику.' } } }, { type: 'vm.result', params: { expr: '0' } }] }),
  },
};

export const fixtures: Record<string, MachineJson> = { pick: pickMachine, safety: safetyMachine };

export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
