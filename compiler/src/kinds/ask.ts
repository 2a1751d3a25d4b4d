import type { AskParams, Grammar, StateJson, TransitionJson, VarType } from '@voiceman/runtime';
import { canonicalForm } from '../canonical.js';
import { scoped } from '../compile-context.js';
import { lintVocabulary } from '../lint/vocabulary.js';
import { emptyText } from './text.js';
import type { NodeKindDefinition } from './types.js';
import { expr, name, outcomeName, type JsonSchema, type FromDataSchema } from '../schema-parts.js';
import { compileAskExtras, lintAskExtras, WRONG_OUTCOME } from './ask-check.js';

/** Types a variable may have to hold what each grammar recognises (`saveAs`). */
const SAVE_TYPES: Record<Grammar['type'], readonly VarType[]> = {
  phrases: ['string', 'dyn'], // the outcome's name
  digits: ['string', 'dyn'], // "0427": leading zeros matter
  number: ['int', 'double', 'dyn'],
  yes: ['bool', 'dyn'],
  no: ['bool', 'dyn'],
};

const dataSchema = {
  type: 'object',
  required: ['prompt', 'outcomes', 'noInput', 'noMatch'],
  properties: {
    prompt: { $ref: '#/$defs/localizedText' },
    help: { $ref: '#/$defs/localizedText' },
    outcomes: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name', 'grammar'],
        properties: { name: outcomeName, grammar: { $ref: '#/$defs/grammar' } },
        additionalProperties: false,
      },
    },
    saveAs: name,
    noInput: { $ref: '#/$defs/reprompts' },
    noMatch: { $ref: '#/$defs/reprompts' },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 120000 },
    minConfidence: { type: 'number', minimum: 0, maximum: 1 },
    confirm: {
      type: 'object',
      required: ['prompt'],
      // condition: CEL on `answer`; read back only when true (format version 2).
      properties: { prompt: { $ref: '#/$defs/localizedText' }, condition: expr },
      additionalProperties: false,
    },
    // Checked answer (format version 2): wrong → `wrong` text and the prompt again; the
    // `limit`-th wrong answer leaves through the `wrong` outcome.
    check: {
      type: 'object',
      required: ['expr', 'wrong', 'limit'],
      properties: {
        expr,
        wrong: { $ref: '#/$defs/localizedText' },
        limit: { type: 'integer', minimum: 1, maximum: 20 },
        outcomes: { type: 'array', maxItems: 50, items: outcomeName },
      },
      additionalProperties: false,
    },
    // Upper confidence band: below it (and above minConfidence) the answer is read back first.
    confirmBelow: { type: 'number', minimum: 0, maximum: 1 },
    // false: the prompts must be heard in full (no talking ahead). Default true.
    bargeIn: { type: 'boolean' },
    /** Words that answer in place in this ask only (see FlowInPlaceWord). */
    inPlaceWords: { type: 'array', maxItems: 20, items: { $ref: '#/$defs/globalWord' } },
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/**
 * `data` of an ask node (from its schema). Outcomes: each `outcomes[].name`, plus `noInput` and
 * `noMatch`. `saveAs` stores the recognised value (digits string, number, phrase, boolean) in a variable.
 */
export type AskData = FromDataSchema<typeof dataSchema>;

/**
 * Speaks a prompt and listens. The runtime handles reprompts, repeat, help and confirmation
 * inside the state; the machine only sees the outcome: `ANSWER.<name>`, `NOINPUT`, `NOMATCH`.
 */
export const ask: NodeKindDefinition<'ask', AskData> = {
  kind: 'ask',
  label: 'Ask',
  description: 'Speaks a prompt and waits for an answer: one outcome per expected answer, plus noInput and noMatch (and wrong for a checked answer).',
  dataSchema,
  outcomes: (node) => [...node.data.outcomes.map((o) => o.name), 'noInput', 'noMatch', ...(node.data.check ? [WRONG_OUTCOME] : [])],
  specialOutcomes: { noInput: 'ask-no-input-path', noMatch: 'ask-no-match-path', [WRONG_OUTCOME]: 'ask-wrong-path' },
  defaultData: (languages) => ({
    prompt: emptyText(languages),
    outcomes: [{ name: 'ready', grammar: { type: 'phrases', phrases: readyWords(languages) } }],
    noInput: { reprompts: [], maxAttempts: 3 },
    noMatch: { reprompts: [], maxAttempts: 3 },
  }),
  asksOperator: () => true,
  lint: (node, ctx) => {
    const d = node.data;
    const where = (field: string) => ({ nodeId: node.id, field });
    ctx.text(d.prompt, where('/prompt'), 'The prompt');
    ctx.text(d.help, where('/help'), 'The help text', false);
    d.noInput.reprompts.forEach((t, i) => ctx.text(t, where(`/noInput/reprompts/${i}`), `Silence reprompt ${i + 1}`));
    d.noMatch.reprompts.forEach((t, i) => ctx.text(t, where(`/noMatch/reprompts/${i}`), `No-match reprompt ${i + 1}`));
    if (d.confirm) ctx.text(d.confirm.prompt, where('/confirm/prompt'), 'The confirmation prompt', true, { answer: 'map' });
    lintAskExtras(node, ctx);
    d.outcomes.forEach((o, i) => {
      if (o.grammar.type !== 'number') return;
      for (const key of ['minExpr', 'maxExpr'] as const) {
        const expr = o.grammar[key];
        const target = `The ${key === 'minExpr' ? 'lower' : 'upper'} bound of "${o.name}"`;
        if (expr !== undefined) ctx.expression(expr, where(`/outcomes/${i}/grammar/${key}`), {}, { type: 'double', code: 'cel-type-mismatch', target });
      }
    });
    if (d.saveAs !== undefined) {
      const variable = ctx.variable(d.saveAs, where('/saveAs'), 'saveAs');
      if (variable) {
        for (const o of d.outcomes) {
          if (SAVE_TYPES[o.grammar.type].includes(variable.type)) continue;
          ctx.report(
            'ask-save-type',
            `Answer "${o.name}" gives a ${valueName(o.grammar)}, which variable "${variable.name}" (${variable.type}) cannot hold.`,
            where('/saveAs'),
          );
        }
      }
    }
    lintVocabulary(node, ctx);
  },
  compile: (node, ctx) => {
    const d = node.data;
    // Keys in canonical (sorted) order, flow data in canonical form: the machine is hashed
    // without sorted copies (canonicalForm).
    const params = {} as AskParams;
    compileAskExtras(d, params);
    if (d.help !== undefined) params.help = canonicalForm(d.help);
    if (d.minConfidence !== undefined) params.minConfidence = d.minConfidence;
    params.noInput = canonicalForm(d.noInput);
    params.noMatch = canonicalForm(d.noMatch);
    params.outcomes = canonicalForm(d.outcomes);
    params.prompt = canonicalForm(d.prompt);
    if (ctx.scope !== 'main') params.scope = ctx.scope;
    if (d.timeoutMs !== undefined) params.timeoutMs = d.timeoutMs;
    if (d.inPlaceWords?.length) params.words = canonicalForm(d.inPlaceWords.map(({ name, phrases }) => ({ name, phrases })));
    const on: Record<string, TransitionJson> = {};
    // Events in order: ANSWER.<name> by name, NOINPUT, NOMATCH, WRONG (GLOBAL.<word> of
    // in-place words, between them, are added by compile.ts).
    const answers = d.outcomes.map((o) => o.name).sort();
    for (const name of answers) {
      const target = ctx.target(node, name)!;
      on[`ANSWER.${name}`] =
        d.saveAs === undefined ? { target } : { actions: [{ params: scoped({ assignments: [{ expr: 'event.value', variable: d.saveAs }] }, ctx.scope), type: 'vm.assign' }], target };
    }
    // Unconnected silence / no-match paths are lint errors (the runtime refuses such a machine).
    const noInput = ctx.target(node, 'noInput');
    if (noInput) on.NOINPUT = { target: noInput };
    const noMatch = ctx.target(node, 'noMatch');
    if (noMatch) on.NOMATCH = { target: noMatch };
    const wrong = d.check ? ctx.target(node, WRONG_OUTCOME) : undefined;
    if (wrong) on.WRONG = { target: wrong };
    const state: StateJson = {
      entry: [{ params, type: 'vm.ask' }],
      id: ctx.stateId(node.id),
      meta: ctx.meta(node),
      on,
      tags: ['ask'],
    };
    return state;
  },
};

const VALUE_NAMES: Record<Grammar['type'], string> = {
  phrases: "answer's name (string)",
  digits: 'digit string',
  number: 'number',
  yes: 'boolean',
  no: 'boolean',
};
const valueName = (grammar: Grammar): string => VALUE_NAMES[grammar.type];

function readyWords(languages: readonly string[]): Partial<Record<'en' | 'ru', string[]>> {
  const words: Partial<Record<'en' | 'ru', string[]>> = {};
  if (languages.includes('en')) words.en = ['ready'];
  if (languages.includes('ru')) words.ru = ['готов'];
  return words;
}
