/** A CodeField bound to the open process: its variables for completion/checks, the compiler's findings for this field. */
import { useMemo } from 'react';
import type { VarType } from '@voiceman/runtime';
import { CodeField } from '../cel/CodeField.js';
import type { CodeLanguage, FieldIssue } from '../cel/check.js';
import { selectDiagnostics, selectProcess } from '../store/editor-store.js';
import { useEditor } from './editor-context.js';

/** `branches[0].condition`, `/branches/0/condition`, `branches/0/condition` and a schema finding's `/data/branches/0/condition` name the same field. */
export const normalizeField = (f: string) => f.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/').replace(/^\/+/, '').replace(/^data\//, '');

export function ProcessCodeField(props: {
  nodeId: string;
  field: string;
  value: string;
  onChange(v: string): void;
  language: CodeLanguage;
  extraVariables?: Record<string, VarType>;
  fields?: Record<string, string[]>;
  readOnly: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const process = useEditor(selectProcess);
  const diagnostics = useEditor(selectDiagnostics);
  const variables = useMemo(() => {
    const vars: Record<string, VarType> = {};
    for (const v of process.variables) vars[v.name] = v.type;
    return { ...vars, ...props.extraVariables };
  }, [process.variables, props.extraVariables]);
  const field = normalizeField(props.field);
  const external = useMemo<FieldIssue[]>(
    () =>
      diagnostics
        // The live check already reports CEL problems; the compiler adds flow-level ones (types, unknown names).
        .filter((d) => d.nodeId === props.nodeId && d.field !== undefined && normalizeField(d.field) === field && d.code !== 'cel-invalid')
        .map((d) => ({ message: d.message, start: d.start ?? 0, end: d.end ?? props.value.length })),
    [diagnostics, props.nodeId, field, props.value.length],
  );
  return (
    <CodeField
      value={props.value}
      onChange={props.onChange}
      language={props.language}
      variables={variables}
      fields={props.fields}
      external={external}
      readOnly={props.readOnly}
      testId={props.testId}
      placeholder={props.placeholder}
    />
  );
}
