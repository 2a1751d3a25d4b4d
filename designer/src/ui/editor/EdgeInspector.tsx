/** A selected edge in the inspector: its outcome, where it comes from and goes to, and delete. */
import type { FlowEdge } from '@voiceman/compiler';
import { selectReadOnly } from '../../store/editor-store.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { useT } from '../i18n.js';
import { useEditorUi } from './editor-ui.js';

export function EdgeInspector({ edge }: { edge: FlowEdge }) {
  const t = useT();
  const store = useEditorStore();
  const ui = useEditorUi();
  const readOnly = useEditor(selectReadOnly);
  const nodeLink = (id: string, testId: string) => (
    <button type="button" className="vm-link-button" data-testid={testId} onClick={() => ui.focusNode(id)}>
      <code>{id}</code>
    </button>
  );
  return (
    <div className="vm-inspector" data-testid="edge-inspector" data-edge={edge.id}>
      <div className="vm-inspector-head">
        {t('edge.title')} <code>{edge.id}</code>
      </div>
      <dl className="vm-edge-facts">
        <dt>{t('edge.outcome')}</dt>
        <dd data-testid="edge-outcome">{edge.outcome}</dd>
        <dt>{t('edge.from')}</dt>
        <dd>{nodeLink(edge.source, 'edge-source')}</dd>
        <dt>{t('edge.to')}</dt>
        <dd>{nodeLink(edge.target, 'edge-target')}</dd>
      </dl>
      {!readOnly && (
        <button type="button" className="vm-button vm-danger-button" data-testid="edge-delete" onClick={() => store.getState().deleteElements([], [edge.id])}>
          {t('edge.delete')}
        </button>
      )}
    </div>
  );
}
