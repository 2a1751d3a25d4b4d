/** Connects the next in-page run to a Stately inspector (`@statelyai/inspect` WebSocket) at a URL the tester gives. */
import { useState } from 'react';
import { useT } from '../i18n.js';
import { useSim, useSimStore } from './sim-context.js';

export function InspectorConnect() {
  const t = useT();
  const store = useSimStore();
  const url = useSim((s) => s.settings.inspectUrl);
  const where = useSim((s) => s.settings.where);
  const [text, setText] = useState(url ?? 'ws://localhost:8080');
  return (
    <fieldset className="vm-sim-inspect">
      <legend>{t('sim.inspect.title')}</legend>
      {where !== 'page' ? (
        <p className="vm-muted vm-sim-small">{t('sim.inspect.pageOnly')}</p>
      ) : url ? (
        <div className="vm-sim-inline">
          <span className="vm-sim-small" data-testid="sim-inspect-state">
            {t('sim.inspect.connected', { url })}
          </span>
          <button type="button" className="vm-link-button" onClick={() => store.getState().setSettings({ inspectUrl: null })}>
            {t('sim.inspect.disconnect')}
          </button>
        </div>
      ) : (
        <div className="vm-sim-inline">
          <input className="vm-input" value={text} aria-label={t('sim.inspect.url')} placeholder={t('sim.inspect.url')} onChange={(e) => setText(e.target.value)} data-testid="sim-inspect-url" />
          <button
            type="button"
            className="vm-button"
            disabled={!/^wss?:\/\/\S+$/.test(text.trim())}
            onClick={() => store.getState().setSettings({ inspectUrl: text.trim() })}
            data-testid="sim-inspect-connect"
          >
            {t('sim.inspect.connect')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
