/**
 * The compiler judges expressions and templates by exactly the runtime's rules: this module
 * only adapts the runtime's checker (`createCelChecker`, one per scope) to diagnostics.
 */
import { createCelChecker, templateParts, type CelChecker, type VarType } from '@voiceman/runtime';

export type CelVariables = Record<string, VarType>;
export { createCelChecker, type CelChecker };

export interface CelFinding {
  message: string;
  /** The runtime's code for checks beyond parse and type (invalid literal regex, forbidden map key). */
  code?: 'cel.regex' | 'cel.key';
  start?: number;
  end?: number;
}

/** The diagnostic a finding becomes: parse and type problems are `cel-invalid`. */
export function findingCode(finding: CelFinding): 'cel-invalid' | 'cel-regex' | 'cel-map-key' {
  if (finding.code === 'cel.regex') return 'cel-regex';
  if (finding.code === 'cel.key') return 'cel-map-key';
  return 'cel-invalid';
}

/** Parse and type problems of `expr` in the checker's scope. */
export function checkExpression(expr: string, checker: CelChecker): CelFinding[] {
  return checker.check(expr);
}

/** Checks every `{{ cel }}` placeholder of a template; positions are offsets in the template. */
export function checkTemplate(template: string, checker: CelChecker): CelFinding[] {
  let parts;
  try {
    parts = templateParts(template);
  } catch (error) {
    const start = (error as { start?: unknown }).start;
    return [{ message: (error as Error).message, ...(typeof start === 'number' ? { start, end: start + 2 } : {}) }];
  }
  const findings: CelFinding[] = [];
  for (const part of parts) {
    if (!('expr' in part)) continue;
    for (const issue of checker.check(part.expr)) {
      findings.push({
        ...(issue.code ? { code: issue.code } : {}),
        message: issue.message,
        start: part.start + (issue.start ?? 0),
        end: issue.end !== undefined ? part.start + issue.end : part.end,
      });
    }
  }
  return findings;
}
