/**
 * `vm.ask`: the entry action of an ask state. Its job only names the state; the driver speaks,
 * listens, reprompts and finally sends `ANSWER.<outcome>`, `NOINPUT`, `NOMATCH` or `GLOBAL.<word>`.
 */
import type { AskOutcome, AskParams, Lang } from '../format.js';
import type { CelProgram } from '../cel.js';
import type { JsonValue } from '../format.js';
import { activation } from '../context.js';
import type { AskJob } from '../jobs.js';
import { addIssue, confirmEnv, prepareCel, prepareText, renderText, resolveScope, type PrepareContext, type PreparedText, type ScopeRuntime } from '../prepare.js';
import type { ActionDefinition } from './types.js';

function toNumber(value: JsonValue, source: string): number {
  if (typeof value !== 'number') throw new Error(`number bound "${source}" yielded ${JSON.stringify(value)}, not a number`);
  return value;
}

export interface PreparedPolicy {
  reprompts: PreparedText[];
  maxAttempts: number;
}

export interface PreparedAsk {
  stateId: string;
  scope: ScopeRuntime;
  prompt: PreparedText;
  help?: PreparedText;
  outcomes: AskOutcome[];
  /** CEL bounds of number outcomes, by outcome name. */
  bounds: Record<string, { min?: CelProgram; max?: CelProgram }>;
  noInput: PreparedPolicy;
  noMatch: PreparedPolicy;
  timeoutMs?: number;
  minConfidence?: number;
  /** Read-back prompt; sees `answer` ({ name, value, text }). */
  confirm?: PreparedText;
}

function preparePolicy(ctx: PrepareContext, scope: ScopeRuntime, policy: AskParams['noInput'], field: 'noInput' | 'noMatch'): PreparedPolicy | null {
  const reprompts: PreparedText[] = [];
  let ok = true;
  policy.reprompts.forEach((text, i) => {
    const prepared = prepareText(ctx, scope.env, text, field, `/${field}/reprompts/${i}`);
    if (prepared) reprompts.push(prepared);
    else ok = false;
  });
  return ok ? { reprompts, maxAttempts: policy.maxAttempts } : null;
}

function checkOutcome(ctx: PrepareContext, outcome: AskOutcome, i: number, languages: Lang[]): boolean {
  const g = outcome.grammar;
  const at = `/outcomes/${i}/grammar`;
  if (g.type === 'digits' && (g.minLength < 1 || g.maxLength < g.minLength)) {
    addIssue(ctx, 'outcomes', `outcome "${outcome.name}": digits need 1 <= minLength <= maxLength (got ${g.minLength}..${g.maxLength})`, at);
    return false;
  }
  if (g.type === 'number' && g.min !== undefined && g.max !== undefined && g.min > g.max) {
    addIssue(ctx, 'outcomes', `outcome "${outcome.name}": number min ${g.min} is above max ${g.max}`, at);
    return false;
  }
  if (g.type === 'phrases') {
    const missing = languages.filter((l) => !(g.phrases[l]?.length));
    if (missing.length) {
      addIssue(ctx, 'outcomes', `outcome "${outcome.name}": no phrases for ${missing.join(', ')}`, `${at}/phrases`);
      return false;
    }
  }
  return true;
}

export const ask: ActionDefinition<AskParams, PreparedAsk> = {
  kind: 'effect',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    let ok = true;
    const prompt = prepareText(ctx, scope.env, params.prompt, 'prompt', '/prompt');
    const help = params.help ? prepareText(ctx, scope.env, params.help, 'help', '/help') : undefined;
    const confirm = params.confirm ? prepareText(ctx, confirmEnv(scope), params.confirm.prompt, 'confirm', '/confirm/prompt') : undefined;
    if (params.outcomes.length === 0) {
      addIssue(ctx, 'outcomes', 'an ask needs at least one outcome', '/outcomes');
      ok = false;
    }
    const names = new Set<string>();
    const bounds: PreparedAsk['bounds'] = {};
    params.outcomes.forEach((outcome, i) => {
      if (names.has(outcome.name)) {
        addIssue(ctx, 'outcomes', `duplicate outcome "${outcome.name}"`, `/outcomes/${i}/name`);
        ok = false;
      }
      names.add(outcome.name);
      if (!checkOutcome(ctx, outcome, i, ctx.languages)) ok = false;
      const g = outcome.grammar;
      if (g.type === 'number' && (g.minExpr !== undefined || g.maxExpr !== undefined)) {
        const b: { min?: CelProgram; max?: CelProgram } = {};
        for (const key of ['min', 'max'] as const) {
          const expr = g[`${key}Expr`];
          if (expr === undefined) continue;
          const program = prepareCel(ctx, scope.env, expr, 'outcomes', `/outcomes/${i}/grammar/${key}Expr`, 'double');
          if (program) b[key] = program;
          else ok = false;
        }
        bounds[outcome.name] = b;
      }
    });
    const noInput = preparePolicy(ctx, scope, params.noInput, 'noInput');
    const noMatch = preparePolicy(ctx, scope, params.noMatch, 'noMatch');
    if (!ok || !prompt || help === null || confirm === null || !noInput || !noMatch) return null;
    const prepared: PreparedAsk = { stateId: ctx.stateId ?? '', scope, prompt, outcomes: params.outcomes, bounds, noInput, noMatch };
    if (help) prepared.help = help;
    if (confirm) prepared.confirm = confirm;
    if (params.timeoutMs !== undefined) prepared.timeoutMs = params.timeoutMs;
    if (params.minConfidence !== undefined) prepared.minConfidence = params.minConfidence;
    return prepared;
  },
  effect(prepared, { context, event }) {
    const lang = context.session.language;
    const act = activation(context, prepared.scope, event);
    const text = (t: PreparedText) => renderText(t, lang, act);
    const bounds: AskJob['bounds'] = {};
    for (const [name, b] of Object.entries(prepared.bounds)) {
      const resolved: { min?: number; max?: number } = {};
      if (b.min) resolved.min = toNumber(b.min.run(act), b.min.source);
      if (b.max) resolved.max = toNumber(b.max.run(act), b.max.source);
      bounds[name] = resolved;
    }
    const meta = context.settings;
    const job: AskJob = {
      kind: 'ask',
      stateId: prepared.stateId,
      language: lang,
      prompt: text(prepared.prompt),
      noInput: { reprompts: prepared.noInput.reprompts.map(text), maxAttempts: prepared.noInput.maxAttempts },
      noMatch: { reprompts: prepared.noMatch.reprompts.map(text), maxAttempts: prepared.noMatch.maxAttempts },
      bounds,
      timeoutMs: Math.round((prepared.timeoutMs ?? meta.noInputTimeoutMs) * (meta.timeoutFactor ?? 1)),
      minConfidence: prepared.minConfidence ?? meta.minConfidence,
    };
    if (prepared.help) job.help = text(prepared.help);
    return job;
  },
};
