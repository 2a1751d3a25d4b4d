import type { VarType } from '@voiceman/runtime';
import type { FlowProcess } from '@voiceman/compiler';
import { Rows, VariableSelect } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';

type Assignment = { variable: string; expr: string };

/** `variable = CEL` rows, shared by set nodes and WMS response mappings. */
export function AssignmentRows(props: {
  nodeId: string;
  field: string;
  items: Assignment[];
  process: FlowProcess;
  readOnly: boolean;
  onChange(items: Assignment[], coalesceKey?: string): void;
  extraVariables?: Record<string, VarType>;
  fields?: Record<string, string[]>;
  testId: string;
}) {
  const t = useT();
  const names = props.process.variables.map((v) => v.name);
  const set = (i: number, a: Assignment, key?: string) => props.onChange(props.items.map((x, j) => (j === i ? a : x)), key && `${i}.${key}`);
  return (
    <Rows
      items={props.items}
      readOnly={props.readOnly}
      testId={props.testId}
      addLabel={t('common.add')}
      removeLabel={t('common.remove')}
      onAdd={() => props.onChange([...props.items, { variable: names[0] ?? '', expr: '' }])}
      onRemove={(i) => props.onChange(props.items.filter((_, j) => j !== i))}
      render={(a, i) => (
        <div className="vm-assignment">
          <VariableSelect value={a.variable || undefined} names={names} readOnly={props.readOnly} noneLabel="—" testId={`${props.testId}-${i}-variable`} onChange={(v) => set(i, { ...a, variable: v ?? '' })} />
          <span className="vm-eq">=</span>
          <ProcessCodeField
            nodeId={props.nodeId}
            field={`${props.field}/${i}/expr`}
            value={a.expr}
            language="cel"
            readOnly={props.readOnly}
            extraVariables={props.extraVariables}
            fields={props.fields}
            testId={`${props.testId}-${i}-expr`}
            onChange={(v) => set(i, { ...a, expr: v }, 'expr')}
          />
        </div>
      )}
    />
  );
}
