/**
 * Answering the ask that is waiting: free text (matched by the runtime as on a terminal), a chip
 * per accepted phrase, silence and unclear, an optional confidence for typed answers, and the
 * browser's microphone where it has one.
 */
import { useEffect, useRef, useState } from 'react';
import { answerHint, chipPhrases, type AnswerHint } from '../../simulate/answer-hints.js';
import { listenOnce, speechSupport } from '../../simulate/speech.js';
import { icons } from '../icons.js';
import { useT, type Translate } from '../i18n.js';
import { useSim, useSimStore } from './sim-context.js';

function hintText(t: Translate, hint: AnswerHint): string | undefined {
  if (!hint) return undefined;
  if (hint.kind === 'digits') return hint.min === hint.max ? t('sim.answer.digitsExact', { n: hint.min }) : t('sim.answer.digits', { min: hint.min, max: hint.max });
  if (hint.min !== undefined && hint.max !== undefined) return t('sim.answer.numberRange', { min: hint.min, max: hint.max });
  if (hint.min !== undefined) return t('sim.answer.numberMin', { min: hint.min });
  if (hint.max !== undefined) return t('sim.answer.numberMax', { max: hint.max });
  return t('sim.answer.number');
}

export function AnswerBar() {
  const t = useT();
  const store = useSimStore();
  const view = useSim((s) => s.view);
  const busy = useSim((s) => s.busy);
  const confidence = useSim((s) => s.settings.confidence);
  const language = useSim((s) => s.settings.language);
  const [text, setText] = useState('');
  const [listening, setListening] = useState(false);
  const cancelListen = useRef<(() => void) | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const waiting = view?.status === 'waiting' && view.expecting !== null;
  const expecting = waiting ? view.expecting : null;
  const phrases = chipPhrases(expecting);
  const hint = hintText(t, answerHint(expecting));
  const canListen = speechSupport().recognition;

  useEffect(() => () => cancelListen.current?.(), []);
  // After each answer the cursor stays in the field, so a tester can type the whole dialog.
  useEffect(() => {
    if (waiting && !busy) input.current?.focus();
  }, [waiting, busy, view?.steps]);

  if (!view) return null;
  const submit = () => {
    if (!text.trim()) return;
    void store.getState().say(text);
    setText('');
  };
  const listen = () => {
    if (listening) {
      cancelListen.current?.();
      setListening(false);
      return;
    }
    setListening(true);
    cancelListen.current = listenOnce(language, (result) => {
      setListening(false);
      if (result) void store.getState().say(result.transcript, result.confidence);
    });
  };

  return (
    <div className="vm-sim-answer" data-testid="sim-answer-bar" data-waiting={waiting ? 'true' : 'false'}>
      {!waiting && <p className="vm-muted vm-sim-not-waiting">{t('sim.answer.notWaiting')}</p>}
      {phrases.length > 0 && (
        <div className="vm-sim-chips" aria-label={t('sim.answer.accepts')}>
          {phrases.map((p) => (
            <button key={p} type="button" className="vm-sim-chip" data-testid="sim-chip" data-phrase={p} disabled={busy} onClick={() => void store.getState().say(p)}>
              {p}
            </button>
          ))}
        </div>
      )}
      <form
        className="vm-sim-answer-row"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          ref={input}
          className="vm-input"
          value={text}
          disabled={!waiting}
          placeholder={hint ? `${t('sim.answer.placeholder')} (${hint})` : t('sim.answer.placeholder')}
          aria-label={t('sim.answer.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="sim-answer"
        />
        <button type="submit" className="vm-button vm-primary" disabled={!waiting || !text.trim()} data-testid="sim-say">
          {t('sim.answer.send')}
        </button>
      </form>
      {hint && (
        <div className="vm-sim-hint" data-testid="sim-hint">
          {hint}
        </div>
      )}
      <div className="vm-sim-answer-row vm-sim-answer-tools">
        <button type="button" className="vm-button" disabled={!waiting || busy} title={t('sim.answer.silenceTitle')} onClick={() => void store.getState().send({ kind: 'silence' })} data-testid="sim-silence">
          {t('sim.answer.silence')}
        </button>
        <button type="button" className="vm-button" disabled={!waiting || busy} title={t('sim.answer.unclearTitle')} onClick={() => void store.getState().send({ kind: 'unclear' })} data-testid="sim-unclear">
          {t('sim.answer.unclear')}
        </button>
        {canListen && (
          <button type="button" className={`vm-button${listening ? ' is-on' : ''}`} disabled={!waiting} title={t('sim.speech.micTitle')} aria-pressed={listening} onClick={listen} data-testid="sim-mic">
            {icons.mic} {listening ? t('sim.speech.listening') : t('sim.speech.mic')}
          </button>
        )}
        <label className="vm-sim-confidence" title={t('sim.answer.confidence')}>
          <input
            type="checkbox"
            checked={confidence !== null}
            onChange={(e) => store.getState().setSettings({ confidence: e.target.checked ? 0.95 : null })}
            data-testid="sim-confidence-on"
          />
          {t('sim.answer.confidence')}
          {confidence !== null ? (
            <>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={confidence}
                onChange={(e) => store.getState().setSettings({ confidence: Number(e.target.value) })}
                data-testid="sim-confidence"
              />
              <output>{confidence.toFixed(2)}</output>
            </>
          ) : (
            <span className="vm-muted">{t('sim.answer.confidenceDefault')}</span>
          )}
        </label>
      </div>
    </div>
  );
}
