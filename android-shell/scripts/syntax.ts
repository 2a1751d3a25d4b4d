/**
 * What Chrome 74 (Android 10's first WebView) cannot parse: acorn at ES2020 (BigInt literals,
 * which Chrome 67+ has and cel-js uses, are fine) refuses class fields, `??=`, numeric
 * separators and everything later; the walk refuses the ES2020 syntax Chrome 74 lacks:
 * optional chaining, `??`, `import.meta`.
 */
import { parse, type Node } from 'acorn';

export function newerSyntax(source: string): string[] {
  let ast: Node;
  try {
    ast = parse(source, { ecmaVersion: 2020, sourceType: 'script' });
  } catch (error) {
    return [`does not parse as ES2020: ${(error as Error).message}`];
  }
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as Node & Record<string, unknown>;
    if (typeof n.type === 'string') {
      if (n.type === 'ChainExpression') found.push(`optional chaining at ${n.start}`);
      if (n.type === 'LogicalExpression' && n.operator === '??') found.push(`?? at ${n.start}`);
      if (n.type === 'MetaProperty') found.push(`import.meta at ${n.start}`);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && typeof v === 'object') visit(v);
  };
  visit(ast);
  return found;
}
