/**
 * Live checks of one CEL field or template as the person types, through the runtime's own
 * `checkCel` (the same CEL environment the terminals run), offsets relative to the field text.
 */
import { checkCel, templateParts, type VarType } from '@voiceman/runtime';

type CelVariables = Record<string, VarType>;

export interface FieldIssue {
  message: string;
  start: number;
  end: number;
}

export type CodeLanguage = 'cel' | 'template';

export function checkField(text: string, language: CodeLanguage, variables: CelVariables): FieldIssue[] {
  if (language === 'cel') {
    if (text.trim() === '') return [];
    return checkCel(text, variables).map((i) => ({ message: i.message, start: i.start ?? 0, end: i.end ?? text.length }));
  }
  let parts;
  try {
    parts = templateParts(text);
  } catch (err) {
    const start = (err as { start?: number }).start ?? 0;
    return [{ message: err instanceof Error ? err.message : String(err), start, end: Math.min(text.length, start + 2) }];
  }
  const issues: FieldIssue[] = [];
  for (const part of parts) {
    if (!('expr' in part)) continue;
    for (const i of checkCel(part.expr, variables)) {
      issues.push({ message: i.message, start: part.start + (i.start ?? 0), end: i.end !== undefined ? part.start + i.end : part.end });
    }
  }
  return issues;
}
