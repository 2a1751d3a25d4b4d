/** The selected node's form: the kind's own inspector from the registry, plus id and label. */
import type { FlowNode, NodeKind } from '@voiceman/compiler';
import { nodeViews } from '../../kinds/registry.js';
import type { InspectorProps, NodeView } from '../../kinds/types.js';
import { selectProcess, selectReadOnly, selectSelectedNode, selectSelection } from '../../store/editor-store.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { Field, TextInput } from '../fields.js';
import { setSwitchPoint } from '../../graph/switch-point.js';
import { useT } from '../i18n.js';
import { EdgeInspector } from './EdgeInspector.js';

export function Inspector() {
  const t = useT();
  const store = useEditorStore();
  const node = useEditor(selectSelectedNode);
  const selection = useEditor(selectSelection);
  const process = useEditor(selectProcess);
  const readOnly = useEditor(selectReadOnly);
  const edge = useEditor((s) => (s.selection.nodes.length === 0 && s.selection.edges.length === 1 ? s.graph.edges.find((e) => e.id === s.selection.edges[0]) : undefined));
  if (!node && edge) return <EdgeInspector edge={edge} />;
  if (!node) {
    const n = selection.nodes.length + selection.edges.length;
    return <p className="vm-empty">{n > 1 ? t('inspector.many', { n }) : t('inspector.none')}</p>;
  }
  const view = nodeViews[node.kind] as unknown as NodeView<NodeKind>;
  const Form = view.Inspector as React.ComponentType<InspectorProps<NodeKind>>;
  const update: InspectorProps<NodeKind>['update'] = (change, key) =>
    store.getState().updateNode(node.id, (n) => ({ ...n, data: change(n.data as never) }) as FlowNode, key);
  return (
    <div className="vm-inspector" data-testid="inspector" data-node={node.id}>
      <div className="vm-inspector-head" style={{ ['--accent' as string]: view.accent }}>
        <span className="vm-card-icon">{view.icon}</span> {t(`kind.${node.kind}`)} <code>{node.id}</code>
      </div>
      <Field label={t('inspector.label')}>
        <TextInput
          value={node.label ?? ''}
          readOnly={readOnly}
          testId="inspector-label"
          onChange={(v) => store.getState().updateNode(node.id, (n) => ({ ...n, label: v || undefined }), 'label')}
        />
      </Field>
      <label className="vm-check" title={t('inspector.switchPointHint')}>
        <input
          type="checkbox"
          checked={node.switchPoint === true}
          disabled={readOnly}
          data-testid="inspector-switch-point"
          onChange={(e) => store.getState().updateNode(node.id, (n) => setSwitchPoint(n, e.target.checked), 'switchPoint')}
        />
        {t('inspector.switchPoint')}
      </label>
      {/* Keyed by node: a different node's form starts fresh (Monaco models, list texts). */}
      <Form key={node.id} node={node as never} process={process} update={update} readOnly={readOnly} />
    </div>
  );
}
