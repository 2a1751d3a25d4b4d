import { Field, TextInput } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { ProcessCodeField } from '../ui/ProcessCodeField.js';
import { LocalizedTemplate } from './localized-template.js';
import { pickText } from './text.js';
import type { NodeView } from './types.js';

export const endView: NodeView<'end'> = {
  icon: '■',
  accent: '#475569',
  Summary: ({ node, lang }) => (
    <>
      {node.data.text && <p className="vm-card-text">“{pickText(node.data.text, lang)}”</p>}
      {node.data.outcome && <p className="vm-card-meta">⇢ {node.data.outcome}</p>}
    </>
  ),
  Inspector: function EndInspector({ node, process, update, readOnly }) {
    const t = useT();
    const d = node.data;
    return (
      <>
        <Field label={t('inspector.text')}>
          <LocalizedTemplate
            nodeId={node.id}
            field="text"
            value={d.text}
            process={process}
            readOnly={readOnly}
            testId="end-text"
            onChange={(lang, v) => update((x) => ({ ...x, text: { ...x.text, [lang]: v } }), `text.${lang}`)}
          />
        </Field>
        <Field label={t('inspector.result')}>
          <ProcessCodeField nodeId={node.id} field="result" value={d.result ?? ''} language="cel" readOnly={readOnly} testId="end-result" onChange={(v) => update((x) => ({ ...x, result: v || undefined }), 'result')} />
        </Field>
        <Field label={t('inspector.outcome')} hint={t('inspector.outcomeHint')}>
          <TextInput value={d.outcome ?? ''} readOnly={readOnly} placeholder="done" onChange={(v) => update((x) => ({ ...x, outcome: v || undefined }), 'outcome')} />
        </Field>
      </>
    );
  },
};
