/** Everything the flow's `process` holds beside variables and words: every edit an undo step. */
import { DEFAULT_SETTINGS, type FlowProcess } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';
import { setSwitchPoint } from '../../graph/switch-point.js';
import { ALL_LANGUAGES, setDefaultLanguage, setDescription, setReferenceTables, setSetting, toggleLanguage } from '../../process/process-settings.js';
import { selectNodes, selectProcess, selectReadOnly } from '../../store/editor-store.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { Field, ListInput, Select } from '../fields.js';
import { ConfidenceInput } from '../ConfidenceInput.js';
import { useT } from '../i18n.js';
import { BuiltinWordsField } from './BuiltinWordsField.js';

export function ProcessSettingsPanel() {
  const t = useT();
  const store = useEditorStore();
  const process = useEditor(selectProcess);
  const nodes = useEditor(selectNodes);
  const readOnly = useEditor(selectReadOnly);
  const change = (edit: (p: FlowProcess) => FlowProcess, key?: string) => store.getState().updateProcess(edit, key);
  const langLabels = { en: t('lang.en'), ru: t('lang.ru') } as Record<Lang, string>;
  const timeoutS = process.settings?.noInputTimeoutMs === undefined ? '' : String(process.settings.noInputTimeoutMs / 1000);
  return (
    <div className="vm-process-settings" data-testid="process-settings">
      <Field label={t('settings.description')}>
        <textarea
          className="vm-input"
          rows={2}
          readOnly={readOnly}
          value={process.description ?? ''}
          data-testid="settings-description"
          onChange={(e) => change((p) => setDescription(p, e.target.value), 'description')}
        />
      </Field>
      <Field label={t('settings.languages')} hint={t('settings.languagesHint')}>
        <div className="vm-inline">
          {ALL_LANGUAGES.map((lang) => {
            const on = process.languages.includes(lang);
            const last = on && process.languages.length === 1;
            return (
              <label key={lang} className="vm-check" title={last ? t('settings.lastLanguage') : undefined}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={readOnly || last}
                  data-testid={`settings-lang-${lang}`}
                  onChange={(e) => change((p) => toggleLanguage(p, lang, e.target.checked))}
                />
                {langLabels[lang]}
              </label>
            );
          })}
        </div>
      </Field>
      <Field label={t('settings.defaultLanguage')}>
        <Select
          value={process.languages[0] ?? 'en'}
          options={process.languages}
          labels={langLabels}
          readOnly={readOnly || process.languages.length < 2}
          testId="settings-default-lang"
          onChange={(lang) => change((p) => setDefaultLanguage(p, lang))}
        />
      </Field>
      <Field label={t('settings.minConfidence')} hint={t('settings.minConfidenceHint', { value: DEFAULT_SETTINGS.minConfidence })}>
        <ConfidenceInput
          value={process.settings?.minConfidence}
          placeholder={String(DEFAULT_SETTINGS.minConfidence)}
          readOnly={readOnly}
          testId="settings-min-confidence"
          onChange={(v) => change((p) => setSetting(p, 'minConfidence', v), 'minConfidence')}
        />
      </Field>
      <Field label={t('settings.confirmBelow')} hint={t('settings.confirmBelowHint')}>
        <ConfidenceInput
          value={process.settings?.confirmBelow}
          accept={(v) => v > 0 && v <= 1}
          readOnly={readOnly}
          testId="settings-confirm-below"
          onChange={(v) => change((p) => setSetting(p, 'confirmBelow', v), 'confirmBelow')}
        />
      </Field>
      <Field label={t('settings.noInputTimeout')} hint={t('settings.noInputTimeoutHint', { value: DEFAULT_SETTINGS.noInputTimeoutMs / 1000 })}>
        <input
          className="vm-input vm-input-number"
          type="number"
          min={1}
          max={120}
          step={0.5}
          readOnly={readOnly}
          value={timeoutS}
          placeholder={String(DEFAULT_SETTINGS.noInputTimeoutMs / 1000)}
          data-testid="settings-no-input-timeout"
          onChange={(e) => {
            const s = e.target.value === '' ? undefined : Number(e.target.value);
            if (s === undefined || (s >= 1 && s <= 120)) change((p) => setSetting(p, 'noInputTimeoutMs', s === undefined ? undefined : Math.round(s * 1000)), 'noInputTimeout');
          }}
        />
      </Field>
      <BuiltinWordsField process={process} readOnly={readOnly} change={change} />
      <Field label={t('settings.referenceTables')} hint={t('settings.referenceTablesHint')}>
        <ListInput value={process.referenceTables ?? []} readOnly={readOnly} testId="settings-reference-tables" onChange={(list) => change((p) => setReferenceTables(p, list), 'referenceTables')} />
      </Field>
      <Field label={t('settings.switchPoints')} hint={t('settings.switchPointsHint')}>
        <ul className="vm-switch-points" data-testid="settings-switch-points">
          {nodes
            .filter((n) => n.kind !== 'start' && n.kind !== 'end')
            .map((n) => (
              <li key={n.id}>
                <label className="vm-check">
                  <input
                    type="checkbox"
                    checked={n.switchPoint === true}
                    disabled={readOnly}
                    data-testid={`settings-switch-${n.id}`}
                    onChange={(e) => store.getState().updateNode(n.id, (node) => setSwitchPoint(node, e.target.checked))}
                  />
                  <code>{n.id}</code> {n.label ?? t(`kind.${n.kind}`)}
                </label>
              </li>
            ))}
        </ul>
      </Field>
    </div>
  );
}
