/** `{{ cel }}` placeholders in prompts and URL templates. */

export type TemplatePart = { text: string } | { expr: string; start: number; end: number };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly start: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * Splits a template into literal text and expressions; `start`/`end` are offsets of the
 * expression text inside the template (trimmed), for editors to underline.
 */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open < 0) {
      parts.push({ text: template.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ text: template.slice(pos, open) });
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError(`unclosed "{{" at offset ${open}: add "}}"`, open);
    const raw = template.slice(open + 2, close);
    const lead = raw.length - raw.trimStart().length;
    const expr = raw.trim();
    if (expr === '') throw new TemplateError(`empty "{{ }}" at offset ${open}`, open);
    const start = open + 2 + lead;
    parts.push({ expr, start, end: start + expr.length });
    pos = close + 2;
  }
  const strayClose = parts.find((p) => 'text' in p && p.text.includes('}}'));
  if (strayClose) throw new TemplateError(`"}}" without a matching "{{"`, template.indexOf('}}'));
  return parts;
}

/** Renders a CEL value for speech or a URL: strings as-is, other values as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}
