/**
 * The run as a chat: the terminal on the left, the operator on the right, WMS calls, variable
 * changes, errors and the end between them. Clicking a step goes back to it (stepBack).
 */
import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '@voiceman/simulator';
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../i18n.js';
import { useSim, useSimStore } from './sim-context.js';
import { JsonBlock, valueLabel } from './json-view.js';

const reasonKey: Record<string, MessageKey> = {
  prompt: 'sim.reason.prompt',
  reprompt: 'sim.reason.reprompt',
  help: 'sim.reason.help',
  repeat: 'sim.reason.repeat',
  confirm: 'sim.reason.confirm',
  wrong: 'sim.reason.wrong',
  word: 'sim.reason.word',
  say: 'sim.reason.say',
  end: 'sim.reason.end',
};

/** The path of a WMS URL (the base is the same on every line); the whole URL is in the tooltip. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** An operator input (a hypothesis or a silence); a no-match is the runtime's verdict on one. */
const isInput = (e: TranscriptEntry) => e.kind === 'answer' || e.kind === 'silence';

export function Transcript() {
  const t = useT();
  const store = useSimStore();
  const view = useSim((s) => s.view);
  const openEntry = useSim((s) => s.openEntry);
  const busy = useSim((s) => s.busy);
  const end = useRef<HTMLDivElement>(null);
  const count = view?.transcript.length ?? 0;
  // Braces: newer browsers' scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [count]);
  if (!view) return null;
  const back = (step: number) => {
    if (!busy && step >= 0 && step < view.steps) void store.getState().stepBack(step);
  };

  return (
    <div className="vm-sim-transcript" data-testid="sim-transcript" role="log">
      {view.transcript.map((e) => {
        if (e.kind === 'transition') return null;
        const common = { key: e.seq, 'data-testid': 'sim-entry', 'data-kind': e.kind, 'data-step': e.step, 'data-seq': e.seq, ...(e.reason ? { 'data-reason': e.reason } : {}) };
        if (e.kind === 'say') {
          return (
            <div {...common} className={`vm-sim-msg vm-sim-terminal vm-sim-${e.reason ?? 'say'}`}>
              <button type="button" className="vm-sim-bubble" title={t('sim.backHere')} disabled={e.step >= view.steps} onClick={() => back(e.step)}>
                <span className={`vm-sim-reason vm-sim-reason-${e.reason ?? 'say'}`}>{t(reasonKey[e.reason ?? 'say'] ?? 'sim.reason.say')}</span>
                <span className="vm-sim-text">{e.text}</span>
              </button>
              {e.state && <span className="vm-sim-state">{e.state}</span>}
            </div>
          );
        }
        if (isInput(e)) {
          const unclear = e.kind === 'answer' && !e.text;
          const label = e.kind === 'silence' ? t('sim.entry.silence') : unclear ? t('sim.answer.unclear') : e.text;
          return (
            <div {...common} className={`vm-sim-msg vm-sim-operator vm-sim-${unclear ? 'unclear' : e.kind}`}>
              <button type="button" className="vm-sim-bubble" title={t('sim.answerAgain')} onClick={() => back(e.step - 1)}>
                <span className="vm-sim-text">{label}</span>
                <span className="vm-sim-meta">
                  {e.confidence !== undefined && <span>{t('sim.entry.confidence', { value: e.confidence.toFixed(2) })}</span>}
                  {e.matched && <span className="vm-sim-matched">{t('sim.entry.matched', { outcome: e.matched })}</span>}
                </span>
              </button>
            </div>
          );
        }
        if (e.kind === 'wms' && e.wms) {
          const w = e.wms;
          const ok = w.status !== undefined && w.status < 400 && !w.error;
          const open = openEntry === e.seq;
          return (
            <div {...common} className="vm-sim-line vm-sim-wms">
              <button type="button" className={`vm-sim-wms-head${ok ? '' : ' is-failed'}`} aria-expanded={open} onClick={() => store.getState().toggleEntry(e.seq)}>
                <span className="vm-sim-method">{w.method}</span>
                <span className="vm-sim-url" title={w.url}>
                  {shortUrl(w.url)}
                </span>
                <span className="vm-sim-status-code" data-testid="sim-wms-status" title={w.error}>
                  {w.status ?? w.error ?? t('sim.entry.pending')}
                </span>
                {w.ms !== undefined && <span className="vm-muted">{w.ms} ms</span>}
              </button>
              {open && (
                <div className="vm-sim-wms-body">
                  {w.requestBody !== undefined && <JsonBlock title={t('sim.entry.request')} value={w.requestBody} />}
                  {w.responseBody !== undefined && <JsonBlock title={t('sim.entry.response')} value={w.responseBody} />}
                </div>
              )}
            </div>
          );
        }
        if (e.kind === 'variable' && e.variable) {
          return (
            <div {...common} className="vm-sim-line vm-sim-variable">
              <code>
                {e.variable.scope !== 'main' ? `${e.variable.scope}.` : ''}
                {t('sim.entry.variable', { name: e.variable.name, value: valueLabel(e.variable.value) })}
              </code>
            </div>
          );
        }
        if (e.kind === 'nomatch') {
          return (
            <div {...common} className="vm-sim-line vm-sim-nomatch-line">
              {t('sim.entry.nomatch')}
              {e.reason ? ` · ${e.reason}` : ''}
            </div>
          );
        }
        if (e.kind === 'error') {
          return (
            <div {...common} className="vm-sim-line vm-sim-error" role="alert">
              <strong>{t('sim.entry.error')}</strong> {e.text}
            </div>
          );
        }
        if (e.kind === 'end') {
          return (
            <div {...common} className="vm-sim-end">
              {t('sim.entry.end', { status: [e.end?.status, e.end?.outcome].filter(Boolean).join(' · ') })}
            </div>
          );
        }
        return (
          <div {...common} className="vm-sim-line">
            {e.text}
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
