/**
 * Schema findings in words: "Response mapping 1, expression: must not be empty" instead of
 * `/nodes/4/data/mapping/0/expr: String is too short (0 < 1).` The JSON pointer stays in the
 * diagnostic's `field` (the designer underlines the field with it).
 */
const SEGMENT_WORDS: Record<string, string> = {
  process: 'process', key: 'key', name: 'name', languages: 'languages', variables: 'variable',
  globalWords: 'process-wide word', inPlaceWords: 'in-place word', builtinWords: 'built-in word', off: 'off', referenceTables: 'reference table', settings: 'settings',
  minConfidence: 'minimum confidence', noInputTimeoutMs: 'silence timeout (ms)', default: 'default',
  nodes: 'node', edges: 'edge', position: 'position', label: 'label', data: '', id: 'id', kind: 'kind',
  text: 'text', prompt: 'prompt', help: 'help text', outcomes: 'answer', grammar: 'grammar', type: 'type',
  phrases: 'phrases', saveAs: 'save answer as', noInput: 'on silence', noMatch: 'on no match',
  reprompts: 'reprompt', maxAttempts: 'attempts', timeoutMs: 'timeout (ms)', confirm: 'confirmation',
  branches: 'branch', condition: 'condition', assignments: 'assignment', variable: 'variable', expr: 'expression',
  method: 'method', url: 'URL', body: 'body', headers: 'headers', retries: 'retries', mapping: 'response mapping',
  processKey: 'called process', inputs: 'inputs', outputs: 'outputs', version: 'version', result: 'result',
  outcome: 'outcome', source: 'source', target: 'target', min: 'minimum', max: 'maximum', minExpr: 'minimum',
  maxExpr: 'maximum', length: 'length', en: 'English', ru: 'Russian',
};

/** `/mapping/0/expr` → "response mapping 1, expression" (list positions counted from 1). */
export function fieldInWords(pointer: string): string {
  const parts: string[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) {
      if (parts.length > 0) parts[parts.length - 1] += ` ${Number(segment) + 1}`;
      continue;
    }
    const word = SEGMENT_WORDS[segment] ?? `"${segment}"`;
    if (word !== '') parts.push(word);
  }
  const text = parts.join(', ');
  return text === '' ? 'the flow' : text.charAt(0).toUpperCase() + text.slice(1);
}

/** What is wrong, in words, from a cfworker finding (its own text where no better one is known). */
export function problemInWords(keyword: string, error: string): string {
  const numbers = /\((\d+) [<>] (\d+)\)/.exec(error);
  const quoted = /"([^"]*)"/.exec(error)?.[1];
  switch (keyword) {
    case 'minLength':
      return numbers?.[2] === '1' ? 'must not be empty' : `is too short (at least ${numbers?.[2] ?? '?'} characters)`;
    case 'maxLength':
      return `is too long (at most ${numbers?.[2] ?? '?'} characters)`;
    case 'required':
      return `needs ${quoted ? `"${quoted}"` : 'a value'}`;
    case 'type':
      return `has the wrong kind of value (expected ${/Expected "([^"]+)"/.exec(error)?.[1] ?? 'another type'})`;
    case 'false':
      return 'is not a known setting here';
    case 'pattern':
      return 'has characters or a form that is not allowed here';
    case 'enum':
    case 'const':
      return `must be one of the allowed values (${error.replace(/^.*?(\[.*\]).*$/, '$1')})`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `is too small (${error.replace(/\.$/, '')})`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `is too large (${error.replace(/\.$/, '')})`;
    case 'minItems':
      return 'needs more entries';
    case 'maxItems':
      return 'has too many entries';
    case 'uniqueItems':
      return 'lists the same entry twice';
    default:
      return error.replace(/\.$/, '');
  }
}
