import { Field } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { AssignmentRows } from './assignments.js';
import type { NodeView } from './types.js';

export const setView: NodeView<'set'> = {
  icon: '≔',
  accent: '#0e7490',
  Summary: ({ node }) => (
    <ul className="vm-card-list vm-mono">
      {node.data.assignments.map((a, i) => (
        <li key={i}>
          {a.variable} = {a.expr || '…'}
        </li>
      ))}
    </ul>
  ),
  Inspector: function SetInspector({ node, process, update, readOnly }) {
    const t = useT();
    return (
      <Field label={t('inspector.assignments')}>
        <AssignmentRows
          nodeId={node.id}
          field="assignments"
          items={node.data.assignments}
          process={process}
          readOnly={readOnly}
          testId="set-assignments"
          onChange={(assignments, key) => update((d) => ({ ...d, assignments }), key && `assign.${key}`)}
        />
      </Field>
    );
  },
};
