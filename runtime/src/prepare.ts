/**
 * Load-time preparation shared by validation and loading: every CEL expression is checked and
 * parsed once, every template split once; problems become issues naming path, state and field.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { JsonValue, Lang, LocalizedText, VarType } from './format.js';
import { checkCelIn, createCelEnvironment, isAssignable, type CelActivation, type CelProgram } from './cel.js';
import { renderValue, templateParts, TemplateError } from './template.js';

export interface MachineIssue {
  /** JSON path into the machine, e.g. `/states/pick/entry/0/params/prompt/en`. */
  path: string;
  stateId?: string;
  field?: string;
  message: string;
}

export interface ScopeRuntime {
  name: string;
  types: Record<string, VarType>;
  defaults: Record<string, JsonValue>;
  env: Environment;
  /** Lazily built: the scope's environment plus `answer` (confirm prompts). */
  confirmEnv?: Environment;
  /** Names of the machine's reference tables (what `ref` has). */
  referenceTables: string[];
  /** `ref` as CEL sees it: table → key → value (shared by every scope of the machine). */
  ref: Record<string, Record<string, string>>;
  /**
   * The scope's values converted to CEL, for the last values object seen (contexts are
   * immutable, so it stays valid until the next assignment). Kept here, not in a module-level
   * table, so it goes away with the loaded machine.
   */
  celValues: { key: Record<string, JsonValue> | undefined; value: Record<string, unknown> | undefined };
}

export type CompiledPart = { text: string } | { program: CelProgram };
export type PreparedText = Partial<Record<Lang, CompiledPart[]>>;

export interface PrepareContext {
  languages: Lang[];
  scopes: Record<string, ScopeRuntime>;
  issues: MachineIssue[];
  stateId?: string;
  /** Scope of the state being prepared (its `meta.vm.scope`); params may override it. */
  defaultScope: string;
  /** JSON path of the object being prepared (an action's params, a guard's params). */
  path: string;
}

export function pushIssue(issues: MachineIssue[], path: string, stateId: string | undefined, field: string, message: string): void {
  const issue: MachineIssue = { path, field, message };
  if (stateId !== undefined) issue.stateId = stateId;
  issues.push(issue);
}

export function addIssue(ctx: PrepareContext, field: string, message: string, subPath = ''): void {
  pushIssue(ctx.issues, ctx.path + subPath, ctx.stateId, field, message);
}

/** The scope an action or guard runs in; reports an unknown scope. */
export function resolveScope(ctx: PrepareContext, name: string, field = 'scope'): ScopeRuntime | null {
  const scope = ctx.scopes[name];
  if (!scope) addIssue(ctx, field, `unknown scope "${name}" (declared: ${Object.keys(ctx.scopes).join(', ')})`, '/' + field);
  return scope ?? null;
}

/** An expression as quoted in a message: long ones clipped, so one issue stays one readable line. */
export function quoteExpr(expr: string, max = 120): string {
  return `"${expr.length > max ? `${expr.slice(0, max)}…` : expr}"`;
}

/** Checks and parses one CEL expression; `expect` is the variable type the result must fit. */
export function prepareCel(
  ctx: PrepareContext,
  env: Environment,
  expr: unknown,
  field: string,
  subPath: string,
  expect?: VarType | 'bool',
): CelProgram | null {
  if (typeof expr !== 'string') {
    addIssue(ctx, field, 'expression must be a string', subPath);
    return null;
  }
  const { issues, type, program } = checkCelIn(env, expr);
  if (issues.length) {
    for (const i of issues) addIssue(ctx, field, `CEL ${quoteExpr(expr)}: ${i.message}`, subPath);
    return null;
  }
  if (expect && type && !isAssignable(type, expect === 'bool' ? 'bool' : expect)) {
    addIssue(ctx, field, `CEL ${quoteExpr(expr)} yields ${type}, expected ${expect}`, subPath);
    return null;
  }
  return program ?? null;
}

// Compiled templates by environment (shared by every load, cel.ts) and text: the same prompt,
// URL or header text is split and compiled once. Only texts without issues are kept, and the
// parts are never changed after this (renderTemplate only reads them).
const compiledTexts = new WeakMap<Environment, Map<string, CompiledPart[]>>();
const MAX_COMPILED_TEXTS = 20_000;

/** A single-language template (a prompt in one language, a URL, a header): `{{ }}` parts parsed once. */
export function prepareTemplate(ctx: PrepareContext, env: Environment, template: unknown, field: string, subPath: string): CompiledPart[] | null {
  if (typeof template !== 'string') {
    addIssue(ctx, field, 'template must be a string', subPath);
    return null;
  }
  let cache = compiledTexts.get(env);
  if (!cache) compiledTexts.set(env, (cache = new Map()));
  const hit = cache.get(template);
  if (hit) return hit;
  try {
    const parts: CompiledPart[] = [];
    let ok = true;
    for (const part of templateParts(template)) {
      if ('text' in part) parts.push(part);
      else {
        const program = prepareCel(ctx, env, part.expr, field, subPath);
        if (program) parts.push({ program });
        else ok = false;
      }
    }
    if (!ok) return null;
    if (cache.size >= MAX_COMPILED_TEXTS) cache.clear();
    cache.set(template, parts);
    return parts;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    addIssue(ctx, field, `template: ${error.message}`, subPath);
    return null;
  }
}

export function renderTemplate(parts: CompiledPart[], activation: CelActivation, encode: (s: string) => string = (s) => s): string {
  let out = '';
  for (const part of parts) out += 'text' in part ? part.text : encode(renderValue(part.program.run(activation)));
  return out;
}

export function prepareText(ctx: PrepareContext, env: Environment, text: LocalizedText, field: string, subPath: string): PreparedText | null {
  const out: PreparedText = {};
  let ok = true;
  let any = false;
  for (const lang of ctx.languages) {
    const template = text[lang];
    if (template === undefined) continue;
    any = true;
    const parts = prepareTemplate(ctx, env, template, field, `${subPath}/${lang}`);
    if (parts) out[lang] = parts;
    else ok = false;
  }
  if (!any) {
    addIssue(ctx, field, `no text in any declared language (${ctx.languages.join(', ')})`, subPath);
    return null;
  }
  return ok ? out : null;
}

/** Renders in `lang`, falling back to the first language that has the text. */
export function renderText(
  text: PreparedText,
  lang: Lang,
  activation: CelActivation,
  encode: (s: string) => string = (s) => s,
): string {
  return renderTemplate(text[lang] ?? Object.values(text)[0] ?? [], activation, encode);
}

export function buildScopes(
  declared: Record<string, { variables: Record<string, { type: VarType; default?: JsonValue }> }>,
  zero: (t: VarType) => JsonValue,
  reference: Record<string, { rows: Record<string, string> }> = {},
): Record<string, ScopeRuntime> {
  // Looked up by names from the machine JSON: no prototype, so a scope or variable named
  // `constructor` or `__proto__` is simply unknown instead of Object's own members.
  const scopes: Record<string, ScopeRuntime> = Object.create(null) as Record<string, ScopeRuntime>;
  const referenceTables = Object.keys(reference);
  const ref: Record<string, Record<string, string>> = {};
  for (const name of referenceTables) ref[name] = reference[name]!.rows;
  for (const [name, decl] of Object.entries(declared)) {
    const types: Record<string, VarType> = Object.create(null) as Record<string, VarType>;
    const defaults: Record<string, JsonValue> = {};
    for (const [v, d] of Object.entries(decl.variables)) {
      types[v] = d.type;
      defaults[v] = d.default !== undefined ? d.default : zero(d.type);
    }
    scopes[name] = { name, types, defaults, env: createCelEnvironment(types, referenceTables), referenceTables, ref, celValues: { key: undefined, value: undefined } };
  }
  return scopes;
}

export function confirmEnv(scope: ScopeRuntime): Environment {
  scope.confirmEnv ??= createCelEnvironment({ ...scope.types, answer: 'map' }, scope.referenceTables);
  return scope.confirmEnv;
}
