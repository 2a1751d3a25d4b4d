import type { Lang, LocalizedText, VarType } from '@voiceman/runtime';
import { checkExpression, checkTemplate, type CelVariables } from '../cel.js';
import { diag, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { FlowGraph, FlowVariable } from '../flow.js';
import type { ResolveProcess } from '../kinds/types.js';

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
    readonly lintCallee: (key: string) => Diagnostic[] | undefined,
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
  }

  report(code: DiagnosticCode, message: string, where: Where & { start?: number; end?: number } = {}): void {
    this.diagnostics.push(diag(code, message, where));
  }

  /**
   * Reports CEL problems of `expr`; `extra` declares names only this expression sees;
   * `expected` is the type the result must have (a variable's, or `bool` for conditions).
   */
  expression(expr: string, where: Where, extra: Record<string, VarType> = {}, expected?: VarType): boolean {
    const findings = checkExpression(expr, { ...this.celVariables, ...extra }, expected);
    for (const f of findings) this.report('cel-invalid', `Expression "${clip(expr)}": ${f.message}`, { ...where, ...range(f) });
    return findings.length === 0;
  }

  template(text: string, where: Where, extra: Record<string, VarType> = {}): void {
    for (const f of checkTemplate(text, { ...this.celVariables, ...extra })) {
      this.report('cel-invalid', `Placeholder in "${clip(text)}": ${f.message}`, { ...where, ...range(f) });
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
    extra: Record<string, VarType> = {},
  ): void {
    const present = text !== undefined && Object.values(text).some((t) => typeof t === 'string' && t.trim() !== '');
    if (!required && !present) return;
    for (const lang of this.languages) {
      const value = text?.[lang];
      if (typeof value !== 'string' || value.trim() === '') {
        this.report('missing-text', `${what} has no ${LANGUAGE_NAMES[lang]} text.`, { ...where, field: `${where.field}/${lang}` });
      } else {
        this.template(value, { ...where, field: `${where.field}/${lang}` }, extra);
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

function range(f: { start?: number; end?: number }): { start?: number; end?: number } {
  return f.start === undefined ? {} : { start: f.start, end: f.end ?? f.start };
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
