import { useEffect, useState } from 'react';
import { api, type ProcessSummary } from '../api/client.js';
import { Field, Rows, Select, TextInput } from '../ui/fields.js';
import { useEditor } from '../ui/editor-context.js';
import { useT } from '../ui/i18n.js';
import type { EditorState } from '../store/editor-store.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import type { NodeView } from './types.js';

type Pairs = Record<string, string>;
const entries = (p: Pairs) => Object.entries(p);
const fromEntries = (e: [string, string][]) => Object.fromEntries(e) as Pairs;
const selectOwnKey = (s: EditorState) => s.graph.process.key;
const versions = ['published', 'draft'] as const;

/** The server's processes, fetched when the inspector opens (a process may call any but itself). */
function useProcessList(): ProcessSummary[] | undefined {
  const [list, setList] = useState<ProcessSummary[]>();
  useEffect(() => {
    let live = true;
    api.listProcesses().then(
      (l) => live && setList(l),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/**
 * The process to call, chosen from the server's list. A key the list lacks (deleted, or typed
 * into an imported file) stays selectable and marked missing, so opening never changes it.
 */
function ProcessPicker(props: { value: string; readOnly?: boolean; onChange(key: string): void }) {
  const t = useT();
  const own = useEditor(selectOwnKey);
  const list = useProcessList();
  const others = (list ?? []).filter((p) => p.key !== own);
  const missing = props.value !== '' && list !== undefined && !others.some((p) => p.key === props.value);
  return (
    <select className="vm-input" value={props.value} disabled={props.readOnly} data-testid="subflow-process" data-loaded={list !== undefined} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{t('inspector.chooseProcess')}</option>
      {list === undefined && props.value !== '' && <option value={props.value}>{props.value}</option>}
      {others.map((p) => (
        <option key={p.key} value={p.key}>
          {p.name} ({p.key})
        </option>
      ))}
      {missing && <option value={props.value}>{t('inspector.missingProcess', { key: props.value })}</option>}
    </select>
  );
}

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
          <ProcessPicker value={d.processKey} readOnly={readOnly} onChange={(processKey) => update((x) => ({ ...x, processKey }))} />
        </Field>
        <Field label={t('inspector.subflowVersion')}>
          <Select
            value={d.version ?? 'published'}
            options={versions}
            readOnly={readOnly}
            testId="subflow-version"
            labels={{ published: t('inspector.versionPublished'), draft: t('inspector.versionDraft') }}
            onChange={(v) => update((x) => (v === 'published' ? (({ version: _, ...rest }) => rest)(x) : { ...x, version: v }))}
          />
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
