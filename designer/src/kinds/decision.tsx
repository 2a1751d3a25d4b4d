import { Field, Rows, TextInput } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import type { NodeView } from './types.js';

export const decisionView: NodeView<'decision'> = {
  icon: '◇',
  accent: '#7c3aed',
  Summary: ({ node }) => (
    <ul className="vm-card-list vm-mono">
      {node.data.branches.map((b, i) => (
        <li key={i}>
          <b>{b.name}</b>: {b.condition || '…'}
        </li>
      ))}
    </ul>
  ),
  Inspector: function DecisionInspector({ node, update, readOnly }) {
    const t = useT();
    return (
      <Field label={t('inspector.branches')}>
        <Rows
          items={node.data.branches}
          readOnly={readOnly}
          testId="decision-branches"
          addLabel={t('common.add')}
          removeLabel={t('common.remove')}
          onAdd={() => update((d) => ({ ...d, branches: [...d.branches, { name: `branch${d.branches.length + 1}`, condition: 'true' }] }))}
          onRemove={(i) => update((d) => ({ ...d, branches: d.branches.filter((_, j) => j !== i) }))}
          render={(b, i) => (
            <>
              <TextInput
                value={b.name}
                readOnly={readOnly}
                ariaLabel={t('inspector.outcomeName')}
                testId={`decision-branch-${i}-name`}
                onChange={(v) => update((d) => ({ ...d, branches: d.branches.map((x, j) => (j === i ? { ...x, name: v } : x)) }), `branch.${i}.name`)}
              />
              <ProcessCodeField
                nodeId={node.id}
                field={`branches/${i}/condition`}
                value={b.condition}
                language="cel"
                readOnly={readOnly}
                testId={`decision-branch-${i}-condition`}
                onChange={(v) => update((d) => ({ ...d, branches: d.branches.map((x, j) => (j === i ? { ...x, condition: v } : x)) }), `branch.${i}.condition`)}
              />
            </>
          )}
        />
      </Field>
    );
  },
};
