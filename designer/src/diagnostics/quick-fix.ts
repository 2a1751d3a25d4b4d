/**
 * Quick fixes for problems: an undeclared variable ("unknown-variable", or CEL's "Unknown
 * variable: x" inside a `cel-invalid`) can be declared in one click, with its type inferred
 * from where it is used when that says enough, else `dyn` (which fits anything).
 */
import type { Diagnostic, FlowGraph, FlowNode } from '@voiceman/compiler';
import type { Grammar, VarType } from '@voiceman/runtime';

export interface DeclareVariableFix {
  name: string;
  type: VarType;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function declareVariableFix(d: Diagnostic, graph: FlowGraph): DeclareVariableFix | undefined {
  const name =
    d.code === 'unknown-variable' ? /"([^"]+)"/.exec(d.message)?.[1] : d.code === 'cel-invalid' ? /Unknown variable: ([A-Za-z_][A-Za-z0-9_]*)/.exec(d.message)?.[1] : undefined;
  if (!name || !IDENTIFIER.test(name) || graph.process.variables.some((v) => v.name === name)) return undefined;
  const node = d.nodeId === undefined ? undefined : graph.nodes.find((n) => n.id === d.nodeId);
  return { name, type: inferType(node, d.field ?? '', d.code === 'cel-invalid') };
}

function inferType(node: FlowNode | undefined, field: string, inExpression: boolean): VarType {
  if (!node) return 'dyn';
  if (inExpression) {
    // Placeholders in spoken texts and URLs print the value: a string reads naturally there.
    if (/\/(en|ru)$/.test(field) || field === '/url') return 'string';
    if (/\/(minExpr|maxExpr)$/.test(field)) return 'int';
    return 'dyn';
  }
  if (node.kind === 'ask' && field === '/saveAs') return answerType(node.data.outcomes.map((o) => o.grammar));
  const assignment = /^\/assignments\/(\d+)\/variable$/.exec(field);
  if (node.kind === 'set' && assignment) return literalType(node.data.assignments[Number(assignment[1])]?.expr ?? '');
  return 'dyn';
}

/** What an ask's answer is, if all its answers agree: digits are strings, numbers doubles. */
function answerType(grammars: Grammar[]): VarType {
  const types = new Set(grammars.map((g) => (g.type === 'yes' || g.type === 'no' ? 'bool' : g.type === 'number' ? 'double' : 'string')));
  return types.size === 1 ? ([...types][0] as VarType) : 'dyn';
}

function literalType(expr: string): VarType {
  const e = expr.trim();
  if (/^-?\d+$/.test(e)) return 'int';
  if (/^-?\d*\.\d+(e-?\d+)?$/i.test(e)) return 'double';
  if (/^(["']).*\1$/.test(e)) return 'string';
  if (e === 'true' || e === 'false') return 'bool';
  if (e.startsWith('[')) return 'list';
  if (e.startsWith('{')) return 'map';
  return 'dyn';
}
