/**
 * The compiler judges expressions and templates by exactly the runtime's rules: this module
 * only adapts the runtime's checker to diagnostics (positions, fields).
 */
import { checkCel, templateParts, type VarType } from '@voiceman/runtime';

export type CelVariables = Record<string, VarType>;

export interface CelFinding {
  message: string;
  start?: number;
  end?: number;
}

/** Parse and type problems of `expr`; `expected` is the type its result must have. */
export function checkExpression(expr: string, variables: CelVariables, expected?: VarType): CelFinding[] {
  void expected; // result types: once the runtime exports its type query (see README)
  return checkCel(expr, variables);
}

/** Checks every `{{ cel }}` placeholder of a template; positions are offsets in the template. */
export function checkTemplate(template: string, variables: CelVariables): CelFinding[] {
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
    for (const issue of checkCel(part.expr, variables)) {
      findings.push({
        message: issue.message,
        start: part.start + (issue.start ?? 0),
        end: issue.end !== undefined ? part.start + issue.end : part.end,
      });
    }
  }
  return findings;
}
