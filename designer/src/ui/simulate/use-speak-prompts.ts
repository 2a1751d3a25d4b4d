/** With voice on, the browser speaks what the terminal says, as it is added to the transcript. */
import { useEffect, useRef } from 'react';
import { speak, stopSpeaking } from '../../simulate/speech.js';
import { useSim } from './sim-context.js';

export function useSpeakPrompts(): void {
  const voice = useSim((s) => s.settings.voice);
  const language = useSim((s) => s.settings.language);
  const transcript = useSim((s) => s.view?.transcript);
  const spoken = useRef(-1);
  useEffect(() => {
    if (!transcript) return;
    const last = transcript.at(-1)?.seq ?? -1;
    // Switching voice on (or stepping back) speaks nothing old: only entries added from now on.
    if (!voice || last < spoken.current) {
      spoken.current = last;
      return;
    }
    for (const e of transcript) if (e.seq > spoken.current && e.kind === 'say' && e.text) speak(e.text, language);
    spoken.current = last;
  }, [transcript, voice, language]);
  useEffect(() => () => stopSpeaking(), []);
}
