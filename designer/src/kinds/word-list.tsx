import type { FlowNode } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';
import { ListInput, Rows, TextInput } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { addWord, changeWord, removeWord, wordTargets, type Word } from '../process/word-list.js';

/**
 * A list of voice words: name, phrases per language, the node it leads to. Used for the
 * process-wide words and the in-place words (of the process and of one ask).
 */
export function WordListEditor(props: {
  words: Word[];
  kind: 'global' | 'inPlace';
  languages: Lang[];
  nodes: readonly FlowNode[];
  readOnly: boolean;
  testId: string;
  addLabel: string;
  /** `key` groups quick edits of one field into one undo step. */
  onChange(words: Word[], key?: string): void;
}) {
  const t = useT();
  const { words, readOnly, onChange } = props;
  return (
    <Rows
      items={words}
      readOnly={readOnly}
      testId={props.testId}
      addLabel={props.addLabel}
      removeLabel={t('common.remove')}
      onAdd={() => onChange(addWord(words, props.nodes, props.kind))}
      onRemove={(i) => onChange(removeWord(words, i))}
      render={(w, i) => {
        const set = (change: Partial<Word>, key: string) => onChange(changeWord(words, i, change), `word.${i}.${key}`);
        return (
          <div className="vm-word">
            <TextInput value={w.name} readOnly={readOnly} ariaLabel={t('variables.wordName')} onChange={(name) => set({ name }, 'name')} />
            {props.languages.map((lang) => (
              <div className="vm-localized-row" key={lang}>
                <span className="vm-lang-tag">{lang}</span>
                <ListInput value={w.phrases[lang] ?? []} readOnly={readOnly} onChange={(list) => set({ phrases: { ...w.phrases, [lang]: list } }, `phrases.${lang}`)} />
              </div>
            ))}
            <select className="vm-input" value={w.target} disabled={readOnly} aria-label={t('variables.wordTarget')} onChange={(e) => set({ target: e.target.value }, 'target')}>
              <option value="">—</option>
              {wordTargets(props.nodes).map((n) => (
                <option key={n.id} value={n.id}>
                  {n.label ? `${n.label} (${n.id})` : n.id}
                </option>
              ))}
            </select>
          </div>
        );
      }}
    />
  );
}
