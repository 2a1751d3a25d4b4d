import { Field, Rows, TextInput } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import type { NodeView } from './types.js';

type Pairs = Record<string, string>;
const entries = (p: Pairs) => Object.entries(p);
const fromEntries = (e: [string, string][]) => Object.fromEntries(e) as Pairs;

export const subflowView: NodeView<'subflow'> = {
  icon: '⤷',
  accent: '#4d7c0f',
  Summary: ({ node }) => <p className="vm-card-text vm-mono">→ {node.data.processKey || '…'}</p>,
  Inspector: function SubflowInspector({ node, update, readOnly }) {
    const t = useT();
    const d = node.data;
    const inputs = entries(d.inputs);
    const outputs = entries(d.outputs);
    return (
      <>
        <Field label={t('inspector.processKey')}>
          <TextInput value={d.processKey} readOnly={readOnly} testId="subflow-process" onChange={(processKey) => update((x) => ({ ...x, processKey }), 'process')} />
        </Field>
        <Field label={t('inspector.inputs')}>
          <Rows
            items={inputs}
            readOnly={readOnly}
            addLabel={t('common.add')}
            removeLabel={t('common.remove')}
            onAdd={() => update((x) => ({ ...x, inputs: { ...x.inputs, [`input${inputs.length + 1}`]: '' } }))}
            onRemove={(i) => update((x) => ({ ...x, inputs: fromEntries(entries(x.inputs).filter((_, j) => j !== i)) }))}
            render={([name, expr], i) => (
              <div className="vm-assignment">
                <TextInput value={name} readOnly={readOnly} onChange={(v) => update((x) => ({ ...x, inputs: fromEntries(entries(x.inputs).map((e, j) => (j === i ? [v, e[1]] : e))) }), `in.${i}.name`)} />
                <span className="vm-eq">=</span>
                <ProcessCodeField
                  nodeId={node.id}
                  field={`inputs/${name}`}
                  value={expr}
                  language="cel"
                  readOnly={readOnly}
                  onChange={(v) => update((x) => ({ ...x, inputs: { ...x.inputs, [name]: v } }), `in.${i}.expr`)}
                />
              </div>
            )}
          />
        </Field>
        <Field label={t('inspector.outputs')}>
          <Rows
            items={outputs}
            readOnly={readOnly}
            addLabel={t('common.add')}
            removeLabel={t('common.remove')}
            onAdd={() => update((x) => ({ ...x, outputs: { ...x.outputs, [`var${outputs.length + 1}`]: '' } }))}
            onRemove={(i) => update((x) => ({ ...x, outputs: fromEntries(entries(x.outputs).filter((_, j) => j !== i)) }))}
            render={([mine, theirs], i) => (
              <div className="vm-assignment">
                <TextInput value={mine} readOnly={readOnly} onChange={(v) => update((x) => ({ ...x, outputs: fromEntries(entries(x.outputs).map((e, j) => (j === i ? [v, e[1]] : e))) }), `out.${i}.mine`)} />
                <span className="vm-eq">←</span>
                <TextInput value={theirs} readOnly={readOnly} onChange={(v) => update((x) => ({ ...x, outputs: { ...x.outputs, [mine]: v } }), `out.${i}.theirs`)} />
              </div>
            )}
          />
        </Field>
      </>
    );
  },
};
