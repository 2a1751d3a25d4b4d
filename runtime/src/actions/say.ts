/** `vm.say`: speak a text (say states are transient; the driver serialises speech). */
import type { SayParams } from '../format.js';
import { activation } from '../context.js';
import { prepareText, renderText, resolveScope, type PreparedText, type ScopeRuntime } from '../prepare.js';
import type { ActionDefinition } from './types.js';

export interface PreparedSay {
  stateId: string;
  scope: ScopeRuntime;
  text: PreparedText;
}

export const say: ActionDefinition<SayParams, PreparedSay> = {
  kind: 'effect',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    const text = prepareText(ctx, scope.env, params.text, 'text', '/text');
    return text ? { stateId: ctx.stateId ?? '', scope, text } : null;
  },
  effect(prepared, { context, event }) {
    const lang = context.session.language;
    const text = renderText(prepared.text, lang, activation(context, prepared.scope, event));
    return { kind: 'say', stateId: prepared.stateId, text, language: lang };
  },
};
