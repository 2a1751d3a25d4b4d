import { Field } from '../ui/fields.js';
import { icons } from '../ui/icons.js';
import { useT } from '../ui/i18n.js';
import { LocalizedTemplate } from './localized-template.js';
import { pickText } from './text.js';
import type { NodeView } from './types.js';

export const sayView: NodeView<'say'> = {
  icon: icons.speaker,
  accent: '#2f6fde',
  Summary: ({ node, lang }) => <p className="vm-card-text">“{pickText(node.data.text, lang)}”</p>,
  Inspector: function SayInspector({ node, process, update, readOnly }) {
    const t = useT();
    return (
      <Field label={t('inspector.text')}>
        <LocalizedTemplate
          nodeId={node.id}
          field="text"
          value={node.data.text}
          process={process}
          readOnly={readOnly}
          testId="say-text"
          onChange={(lang, v) => update((d) => ({ ...d, text: { ...d.text, [lang]: v } }), `text.${lang}`)}
        />
      </Field>
    );
  },
};
