import type { Grammar, Lang, LocalizedText } from '@voiceman/runtime';
import { Field, LabelledNumber, ListInput, NumberInput, Rows, Select, TextInput, VariableSelect } from '../ui/fields.js';
import { useT } from '../ui/i18n.js';
import { icons } from '../ui/icons.js';
import { defaultGrammar, grammarSummary, grammarTypes } from './grammar.js';
import { LocalizedTemplate } from './localized-template.js';
import { AskChecksEditor } from './ask-checks.js';
import { pickText } from './text.js';
import type { NodeView } from './types.js';
import { AskInPlaceWords } from './ask-in-place-words.js';

type Reprompts = { reprompts: LocalizedText[]; maxAttempts: number };

/** Reprompts edited as one line per attempt, per language. */
function repromptLines(r: Reprompts, lang: Lang): string[] {
  return r.reprompts.map((t) => t[lang] ?? '');
}
function withLines(r: Reprompts, lang: Lang, lines: string[]): Reprompts {
  const n = Math.max(lines.length, r.reprompts.length);
  const reprompts = Array.from({ length: n }, (_, i) => ({ ...(r.reprompts[i] ?? {}), [lang]: lines[i] ?? '' }))
    .filter((t) => Object.values(t).some(Boolean));
  return { ...r, reprompts };
}

export const askView: NodeView<'ask'> = {
  icon: icons.mic,
  accent: '#c2410c',
  Summary: function AskSummary({ node, lang }) {
    const t = useT();
    return (
    <>
      <p className="vm-card-text">“{pickText(node.data.prompt, lang)}”</p>
      {node.data.outcomes.length > 0 && (
        <ul className="vm-card-list">
          {node.data.outcomes.map((o) => (
            <li key={o.name}>
              <b>{o.name}</b>: {grammarSummary(o.grammar, lang, t)}
            </li>
          ))}
        </ul>
      )}
      {node.data.saveAs && <p className="vm-card-meta">→ {node.data.saveAs}</p>}
      {node.data.check && <p className="vm-card-meta">✓ {t('ask.card.check', { limit: node.data.check.limit })}</p>}
    </>
    );
  },
  Inspector: function AskInspector({ node, process, update, readOnly }) {
    const t = useT();
    const d = node.data;
    const setOutcome = (i: number, o: { name: string; grammar: Grammar }, key: string) =>
      update((x) => ({ ...x, outcomes: x.outcomes.map((y, j) => (j === i ? o : y)) }), `outcome.${i}.${key}`);
    const policy = (which: 'noInput' | 'noMatch') => (
      <Field label={t(which === 'noInput' ? 'inspector.noInput' : 'inspector.noMatch')}>
        <NumberInput
          value={d[which].maxAttempts}
          min={1}
          readOnly={readOnly}
          testId={`ask-${which}-attempts`}
          onChange={(v) => update((x) => ({ ...x, [which]: { ...x[which], maxAttempts: v ?? 1 } }), `${which}.max`)}
        />
        <span className="vm-field-label">{t('inspector.reprompts')}</span>
        {process.languages.map((lang) => (
          <div key={lang} className="vm-localized-row">
            <span className="vm-lang-tag">{lang}</span>
            <textarea
              className="vm-input"
              rows={2}
              readOnly={readOnly}
              value={repromptLines(d[which], lang).join('\n')}
              onChange={(e) => update((x) => ({ ...x, [which]: withLines(x[which], lang, e.target.value.split('\n')) }), `${which}.${lang}`)}
            />
          </div>
        ))}
      </Field>
    );
    return (
      <>
        <Field label={t('inspector.prompt')}>
          <LocalizedTemplate
            nodeId={node.id}
            field="prompt"
            value={d.prompt}
            process={process}
            readOnly={readOnly}
            testId="ask-prompt"
            onChange={(lang, v) => update((x) => ({ ...x, prompt: { ...x.prompt, [lang]: v } }), `prompt.${lang}`)}
          />
        </Field>
        <Field label={t('inspector.outcomes')}>
          <Rows
            items={d.outcomes}
            readOnly={readOnly}
            testId="ask-outcomes"
            addLabel={t('common.add')}
            removeLabel={t('common.remove')}
            onAdd={() =>
              update((x) => ({ ...x, outcomes: [...x.outcomes, { name: `answer${x.outcomes.length + 1}`, grammar: defaultGrammar('phrases', process.languages) }] }))
            }
            onRemove={(i) => update((x) => ({ ...x, outcomes: x.outcomes.filter((_, j) => j !== i) }))}
            render={(o, i) => (
              <div className="vm-outcome">
                <div className="vm-inline">
                  <TextInput value={o.name} readOnly={readOnly} ariaLabel={t('inspector.outcomeName')} testId={`ask-outcome-${i}-name`} onChange={(v) => setOutcome(i, { ...o, name: v }, 'name')} />
                  <Select
                    value={o.grammar.type}
                    options={grammarTypes}
                    labels={Object.fromEntries(grammarTypes.map((g) => [g, t(`grammar.${g}`)]))}
                    readOnly={readOnly}
                    testId={`ask-outcome-${i}-type`}
                    onChange={(type) => setOutcome(i, { ...o, grammar: defaultGrammar(type, process.languages) }, 'type')}
                  />
                </div>
                {o.grammar.type === 'phrases' &&
                  process.languages.map((lang) => (
                    <div key={lang} className="vm-localized-row">
                      <span className="vm-lang-tag">{lang}</span>
                      <ListInput
                        value={(o.grammar.type === 'phrases' && o.grammar.phrases[lang]) || []}
                        readOnly={readOnly}
                        testId={`ask-outcome-${i}-phrases-${lang}`}
                        onChange={(list) =>
                          o.grammar.type === 'phrases' && setOutcome(i, { ...o, grammar: { ...o.grammar, phrases: { ...o.grammar.phrases, [lang]: list } } }, `phrases.${lang}`)
                        }
                      />
                    </div>
                  ))}
                {o.grammar.type === 'digits' && (
                  <div className="vm-inline">
                    <LabelledNumber label={t('inspector.minLength')} value={o.grammar.minLength} min={1} readOnly={readOnly} testId={`ask-outcome-${i}-min`} onChange={(v) => o.grammar.type === 'digits' && setOutcome(i, { ...o, grammar: { ...o.grammar, minLength: v ?? 1 } }, 'min')} />
                    <LabelledNumber label={t('inspector.maxLength')} value={o.grammar.maxLength} min={1} readOnly={readOnly} testId={`ask-outcome-${i}-max`} onChange={(v) => o.grammar.type === 'digits' && setOutcome(i, { ...o, grammar: { ...o.grammar, maxLength: v ?? 1 } }, 'max')} />
                  </div>
                )}
                {o.grammar.type === 'number' && (
                  <div className="vm-inline">
                    <LabelledNumber label={t('inspector.min')} value={o.grammar.min} readOnly={readOnly} testId={`ask-outcome-${i}-range-min`} onChange={(v) => o.grammar.type === 'number' && setOutcome(i, { ...o, grammar: { ...o.grammar, min: v } }, 'min')} />
                    <LabelledNumber label={t('inspector.max')} value={o.grammar.max} readOnly={readOnly} testId={`ask-outcome-${i}-range-max`} onChange={(v) => o.grammar.type === 'number' && setOutcome(i, { ...o, grammar: { ...o.grammar, max: v } }, 'max')} />
                  </div>
                )}
              </div>
            )}
          />
        </Field>
        <Field label={t('inspector.saveAs')}>
          <VariableSelect
            value={d.saveAs}
            names={process.variables.map((v) => v.name)}
            readOnly={readOnly}
            noneLabel={t('inspector.none.vars')}
            testId="ask-saveAs"
            onChange={(v) => update((x) => ({ ...x, saveAs: v }))}
          />
        </Field>
        <Field label={t('inspector.help')}>
          <LocalizedTemplate
            nodeId={node.id}
            field="help"
            value={d.help}
            process={process}
            readOnly={readOnly}
            testId="ask-help"
            onChange={(lang, v) => update((x) => ({ ...x, help: { ...x.help, [lang]: v } }), `help.${lang}`)}
          />
        </Field>
        {policy('noInput')}
        {policy('noMatch')}
        <AskChecksEditor node={node} process={process} update={update} readOnly={readOnly} />
        <AskInPlaceWords node={node} process={process} update={update} readOnly={readOnly} />
      </>
    );
  },
};
