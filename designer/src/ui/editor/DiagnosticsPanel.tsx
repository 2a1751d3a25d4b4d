/** The compiler's findings, live, in the interface language; clicking one selects and centres its node. */
import type { Diagnostic } from '@voiceman/compiler';
import { declareVariableFix } from '../../diagnostics/quick-fix.js';
import { diagnosticCatalogues, diagnosticText } from '../../i18n/diagnostic-messages.js';
import { selectDiagnostics, selectGraph, selectReadOnly } from '../../store/editor-store.js';
import { emptyDefault } from '../../variables/var-defaults.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { useLang, useT } from '../i18n.js';
import { useEditorUi } from './editor-ui.js';

/** One problem as a button (jump to its node), shared by this panel and the publish dialog. */
export function DiagnosticButton({ d, onJump }: { d: Diagnostic; onJump?(nodeId: string): void }) {
  const { lang } = useLang();
  const t = useT();
  const ui = useEditorUi();
  return (
    <button
      type="button"
      className={`vm-diagnostic vm-diagnostic-${d.severity}`}
      data-testid="diagnostic"
      data-code={d.code}
      data-node={d.nodeId ?? ''}
      disabled={!d.nodeId}
      title={`${diagnosticCatalogues[lang][d.code]} — ${t('diagnostics.original')}: ${d.message}`}
      onClick={() => {
        if (!d.nodeId) return;
        ui.focusNode(d.nodeId);
        onJump?.(d.nodeId);
      }}
    >
      <span className="vm-diagnostic-sev" aria-label={d.severity} />
      {d.nodeId && <code>{d.nodeId}</code>} {diagnosticText(d, lang)} <span className="vm-diagnostic-code">{d.code}</span>
    </button>
  );
}

export function DiagnosticsPanel() {
  const t = useT();
  const store = useEditorStore();
  const diagnostics = useEditor(selectDiagnostics);
  const graph = useEditor(selectGraph);
  const readOnly = useEditor(selectReadOnly);
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
          {diagnostics.map((d, i) => {
            const fix = readOnly ? undefined : declareVariableFix(d, graph);
            return (
              <li key={i} className="vm-diagnostic-row">
                <DiagnosticButton d={d} />
                {fix && (
                  <button
                    type="button"
                    className="vm-button vm-quick-fix"
                    data-testid="quick-fix"
                    onClick={() => {
                      const value = emptyDefault(fix.type);
                      const variable = value === undefined ? { name: fix.name, type: fix.type } : { name: fix.name, type: fix.type, default: value };
                      store.getState().updateProcess((p) => (p.variables.some((v) => v.name === fix.name) ? p : { ...p, variables: [...p.variables, variable] }));
                    }}
                  >
                    {t('fix.declare', { name: fix.name, type: fix.type })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
