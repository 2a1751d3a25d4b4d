import { isAssignable, type Lang, type LocalizedText, type VarType } from '@voiceman/runtime';
import { checkExpression, checkTemplate, createCelChecker, findingCode, type CelChecker, type CelVariables } from '../cel.js';
import { diag, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { FlowGraph, FlowVariable } from '../flow.js';
import type { CalleeVersion, ResolveProcess } from '../kinds/types.js';

/** What an expression's result must fit, and the code that reports it when it does not. */
export interface Expected {
  type: VarType;
  code: DiagnosticCode;
  /** Who needs the type, for the message: `Variable "qty"`, `The condition`. */
  target: string;
}

export interface Where {
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

/** One lint run over one flow: what kinds read (variables, languages) and where they report. */
export class LintContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly languages: Lang[];
  readonly variables = new Map<string, FlowVariable>();
  readonly celVariables: CelVariables = {};

  constructor(
    readonly flow: FlowGraph,
    readonly resolveProcess: ResolveProcess | undefined,
    /** Lints another process (a subflow's callee) with the same resolver and call stack. */
    readonly lintCallee: (key: string, version: CalleeVersion) => Diagnostic[] | undefined,
    /** Process keys being linted above this one, outermost first (recursion detection). */
    readonly callStack: readonly string[],
  ) {
    this.languages = flow.process.languages;
    for (const variable of flow.process.variables) {
      if (!this.variables.has(variable.name)) {
        this.variables.set(variable.name, variable);
        this.celVariables[variable.name] = variable.type;
      }
    }
    // Reference tables read as ref.<table>.<key>. The runtime's checker types `ref` from the
    // table names (second argument): only this process's tables exist, each map<string, string>.
    // A runtime whose checker predates `ref` ignores that argument and sees this `map` instead.
    if ((flow.process.referenceTables ?? []).length > 0) this.celVariables.ref = 'map';
  }

  report(code: DiagnosticCode, message: string, where: Where & { start?: number; end?: number } = {}): void {
    this.diagnostics.push(diag(code, message, where));
  }

  // One checker (one CEL environment) per set of names: the runtime caches parsed
  // expressions per environment, so a flow's repeated expressions are checked once.
  private readonly checkers = new Map<string, CelChecker>();
  /** The checker without extra names, which nearly every expression uses (no key to build). */
  private plainChecker: CelChecker | undefined;

  /** The runtime's checker for this flow's variables plus `extra` (names one field sees). */
  checker(extra: Record<string, VarType> = NO_EXTRA): CelChecker {
    if (extra === NO_EXTRA) return (this.plainChecker ??= this.checker({}));
    const key = Object.entries(extra)
      .map(([name, type]) => `${name}:${type}`)
      .join(',');
    let checker = this.checkers.get(key);
    if (!checker) this.checkers.set(key, (checker = createCelChecker({ ...this.celVariables, ...extra }, this.flow.process.referenceTables ?? [])));
    return checker;
  }

  /**
   * Reports CEL problems of `expr`; `extra` declares names only this expression sees;
   * `expected` is what its result must fit (the runtime's `isAssignable`), checked once it is valid.
   */
  expression(expr: string, where: Where, extra: Record<string, VarType> = NO_EXTRA, expected?: Expected): boolean {
    const checker = this.checker(extra);
    const findings = checkExpression(expr, checker);
    for (const f of findings) this.report(findingCode(f), `Expression "${clip(expr)}": ${f.message}`, { ...where, ...range(f) });
    if (findings.length > 0) return false;
    if (!expected) return true;
    const found = checker.typeOf(expr);
    if (found === undefined || isAssignable(found, expected.type)) return true;
    this.report(expected.code, `${expected.target} needs ${article(expected.type)} ${expected.type}, but "${clip(expr)}" yields ${found}.`, where);
    return false;
  }

  /** `lang`: the text is the `lang` member of `where.field` (the field is only built for a finding). */
  template(text: string, where: Where, extra: Record<string, VarType> = NO_EXTRA, lang?: Lang): void {
    const findings = checkTemplate(text, this.checker(extra));
    for (const f of findings) {
      const at = lang === undefined ? where : { ...where, field: `${where.field}/${lang}` };
      this.report(findingCode(f), `Placeholder in "${clip(text)}": ${f.message}`, { ...at, ...range(f) });
    }
  }

  /**
   * A text the terminal speaks: present (non-blank) in every declared language when `required`
   * (or when any language has it), placeholders valid.
   */
  text(
    text: LocalizedText | undefined,
    where: Where & { field: string },
    what: string,
    required = true,
    extra: Record<string, VarType> = NO_EXTRA,
  ): void {
    if (!required && !hasText(text)) return;
    for (const lang of this.languages) {
      const value = text?.[lang];
      if (typeof value !== 'string' || value.trim() === '') {
        this.report('missing-text', `${what} has no ${LANGUAGE_NAMES[lang]} text.`, { ...where, field: `${where.field}/${lang}` });
      } else {
        this.template(value, where, extra, lang);
      }
    }
  }

  /** The declared variable `name`, or a diagnostic. */
  variable(name: string, where: Where, role: string): FlowVariable | undefined {
    const variable = this.variables.get(name);
    if (!variable) this.report('unknown-variable', `${role} "${name}" is not a declared variable of process "${this.flow.process.key}".`, where);
    return variable;
  }
}

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ru: 'Russian' };

/** The default "no extra names": shared, so a lint of 10,000 nodes allocates no empty object per call. */
const NO_EXTRA: Record<string, VarType> = Object.freeze({});

/** Some language of `text` is non-blank. */
function hasText(text: LocalizedText | undefined): boolean {
  if (text === undefined) return false;
  for (const lang in text) {
    const t = text[lang as Lang];
    if (typeof t === 'string' && t.trim() !== '') return true;
  }
  return false;
}

function range(f: { start?: number; end?: number }): { start?: number; end?: number } {
  return f.start === undefined ? {} : { start: f.start, end: f.end ?? f.start };
}

const article = (type: VarType): string => (/^[aeiou]/.test(type) ? 'an' : 'a');

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
