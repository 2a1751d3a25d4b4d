import type { FlowProcess } from '@voiceman/compiler';
import { selectNodes } from '../store/editor-store.js';
import { useEditor } from '../ui/editor-context.js';
import { Field } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import type { InspectorProps } from './types.js';
import { WordListEditor } from './word-list.js';

/** The words that answer in place in this ask only ("description", "how much more"). */
export function AskInPlaceWords({ node, process, update, readOnly }: Pick<InspectorProps<'ask'>, 'node' | 'update' | 'readOnly'> & { process: FlowProcess }) {
  const t = useT();
  const nodes = useEditor(selectNodes);
  return (
    <Field label={t('inspector.inPlaceWords')}>
      <WordListEditor
        words={node.data.inPlaceWords ?? []}
        kind="inPlace"
        languages={process.languages}
        nodes={nodes}
        readOnly={readOnly}
        testId="ask-in-place-words"
        addLabel={t('variables.addWord')}
        onChange={(words, key) => update(({ inPlaceWords: _old, ...x }) => (words.length > 0 ? { ...x, inPlaceWords: words } : x), key && `inPlaceWords.${key}`)}
      />
    </Field>
  );
}
