/**
 * What can be refused in a CEL expression before it runs, beyond cel-js's parse and type
 * check: literal `matches` patterns that are not valid RE2 (./cel-regex.ts), and map literals
 * with a key JavaScript objects treat specially (`__proto__` is silently dropped by cel-js's
 * maps; `constructor`/`prototype` invite confusion with the host's objects).
 */
import { hasRegexEngine, NO_REGEX_ENGINE, regexProblem } from './cel-regex.js';

export interface StaticIssue {
  code: 'cel.regex' | 'cel.key';
  message: string;
  start: number;
  end: number;
}

/** The parsed-AST shape this walk reads (cel-js 8 `ASTNode`: `op`, `args`, source range). */
interface Node {
  op: string;
  args: unknown;
  start: number;
  end: number;
}

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && typeof (v as Node).op === 'string' && 'args' in (v as object);

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function literalString(node: unknown): string | undefined {
  return isNode(node) && node.op === 'value' && typeof node.args === 'string' ? node.args : undefined;
}

/** Walks the parsed expression (iteratively: depth is bounded by cel-js, but cheaply so). */
export function staticIssues(root: unknown): StaticIssue[] {
  const issues: StaticIssue[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const x of item) stack.push(x);
      continue;
    }
    if (!isNode(item)) continue;
    if (item.op === 'rcall') {
      const [name, , args] = item.args as [string, unknown, unknown[]];
      const pattern = name === 'matches' && args.length === 1 ? literalString(args[0]) : undefined;
      // Without an engine every `matches` is refused here, literal pattern or not.
      const problem = name === 'matches' && !hasRegexEngine() ? NO_REGEX_ENGINE : pattern === undefined ? null : regexProblem(pattern);
      if (problem && args.length >= 1) {
        const at = args[0] as Node;
        issues.push({ code: 'cel.regex', message: problem, start: at.start, end: at.end });
      }
    } else if (item.op === 'map') {
      for (const [key] of item.args as [unknown, unknown][]) {
        const text = literalString(key);
        if (text !== undefined && PROTOTYPE_KEYS.has(text)) {
          const at = key as Node;
          issues.push({ code: 'cel.key', message: `map key ${JSON.stringify(text)} is not allowed (it names a JavaScript object internal)`, start: at.start, end: at.end });
        }
      }
    }
    if (Array.isArray(item.args)) stack.push(item.args);
  }
  return issues;
}
