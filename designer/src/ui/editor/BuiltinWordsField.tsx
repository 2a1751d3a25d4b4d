/** The built-in words of the process: each on or off, its phrases per language (process settings). */
import type { FlowProcess } from '@voiceman/compiler';
import { BUILTIN_WORD_ORDER, builtinWordOn, builtinWordPhrases, setBuiltinWordOn, setBuiltinWordPhrases } from '../../process/builtin-words.js';
import { Field, ListInput } from '../fields.js';
import { useT } from '../i18n.js';

export function BuiltinWordsField(props: { process: FlowProcess; readOnly: boolean; change(edit: (p: FlowProcess) => FlowProcess, key?: string): void }) {
  const t = useT();
  const { process, readOnly, change } = props;
  return (
    <Field label={t('settings.builtinWords')} hint={t('settings.builtinWordsHint')}>
      <ul className="vm-builtin-words" data-testid="settings-builtin-words">
        {BUILTIN_WORD_ORDER.map((name) => {
          const on = builtinWordOn(process, name);
          return (
            <li key={name}>
              <label className="vm-check">
                <input type="checkbox" checked={on} disabled={readOnly} data-testid={`settings-builtin-${name}`} onChange={(e) => change((p) => setBuiltinWordOn(p, name, e.target.checked))} />
                {t(`builtin.${name}`)}
              </label>
              {on &&
                process.languages.map((lang) => (
                  <div className="vm-localized-row" key={lang}>
                    <span className="vm-lang-tag">{lang}</span>
                    <ListInput
                      value={builtinWordPhrases(process, name, lang)}
                      readOnly={readOnly}
                      testId={`settings-builtin-${name}-${lang}`}
                      onChange={(list) => change((p) => setBuiltinWordPhrases(p, name, lang, list), `builtin.${name}.${lang}`)}
                    />
                  </div>
                ))}
            </li>
          );
        })}
      </ul>
    </Field>
  );
}
