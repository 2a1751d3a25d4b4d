/** The compiler's findings, live; clicking one selects and centres its node. */
import { selectDiagnostics } from '../../store/editor-store.js';
import { useEditor } from '../editor-context.js';
import { useT } from '../i18n.js';
import { useEditorUi } from './editor-ui.js';

export function DiagnosticsPanel() {
  const t = useT();
  const diagnostics = useEditor(selectDiagnostics);
  const ui = useEditorUi();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <section className="vm-diagnostics" aria-label={t('diagnostics.title')} data-testid="diagnostics">
      <h2 className="vm-panel-title">
        {t('diagnostics.title')}{' '}
        <span className={errors ? 'vm-count vm-count-error' : 'vm-count'} data-testid="diagnostics-count">
          {t('diagnostics.count', { errors, warnings: diagnostics.length - errors })}
        </span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="vm-empty">{t('diagnostics.none')}</p>
      ) : (
        <ul className="vm-diagnostic-list">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className={`vm-diagnostic vm-diagnostic-${d.severity}`}
                data-testid="diagnostic"
                data-code={d.code}
                data-node={d.nodeId ?? ''}
                disabled={!d.nodeId}
                onClick={() => d.nodeId && ui.focusNode(d.nodeId)}
              >
                <span className="vm-diagnostic-sev" aria-label={d.severity} />
                {d.nodeId && <code>{d.nodeId}</code>} {d.message} <span className="vm-diagnostic-code">{d.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
