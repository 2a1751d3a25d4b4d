/**
 * One ask, as operators expect it: prompt, listen with a constrained vocabulary, reprompt on
 * silence / no match with escalating text, repeat and help on request, optional read-back.
 */
import type { AskOutcome, GlobalWord, JsonValue } from './format.js';
import type { Hypothesis, ListenResult } from './host.js';
import type { AskJob } from './jobs.js';
import { matchUtterance, vocabularyFor, type MatchOptions, type UtteranceMatch } from './match.js';
import type { AskProgress, DriverPort } from './driver-port.js';

const CONFIRM_OUTCOMES: AskOutcome[] = [
  { name: 'yes', grammar: { type: 'yes' } },
  { name: 'no', grammar: { type: 'no' } },
];

export interface AskSetup {
  outcomes: AskOutcome[];
  globalWords: GlobalWord[];
  /** Renders the read-back prompt for an answer; absent when the ask has no read-back. */
  confirmText?: (answer: { name: string; value: JsonValue; text: string }) => string;
}

function label(m: UtteranceMatch | null): JsonValue {
  if (!m) return null;
  return m.kind === 'outcome' || m.kind === 'global' ? m.name : m.kind;
}

/*
 * Progress (escalation counts, a pending read-back) is written without waiting before the next
 * prompt: the write lands while the prompt plays, and a terminal's storage write at a slow
 * moment would otherwise sit between the operator's word and the reply (the hypothesis → prompt
 * figure in the README). A crash before it lands resumes from the record before, at the ask's
 * own prompt, which is what the operator would hear after any crash in that step.
 */
export async function runAsk(port: DriverPort, token: number, job: AskJob, setup: AskSetup): Promise<void> {
  const { stateId, language } = job;
  const progress: AskProgress = port.progress()?.stateId === stateId ? { ...port.progress()! } : { stateId, noInput: 0, noMatch: 0 };
  let lastPrompt: string;
  const speak = async (text: string, reason: Parameters<DriverPort['speak']>[3]) => {
    await port.speak(text, language, stateId, reason);
  };
  if (progress.confirming && setup.confirmText) {
    lastPrompt = setup.confirmText(progress.confirming);
    await speak(lastPrompt, 'confirm');
  } else {
    delete progress.confirming;
    lastPrompt = job.prompt;
    await speak(lastPrompt, 'prompt');
  }

  const fail = async (kind: 'noInput' | 'noMatch', event: { type: string; [k: string]: JsonValue }): Promise<boolean> => {
    progress[kind] += 1;
    const policy = job[kind];
    if (progress[kind] >= policy.maxAttempts) {
      port.finish(token, event);
      return true;
    }
    void port.saveProgress(progress);
    const reprompt = policy.reprompts[Math.min(progress[kind], policy.reprompts.length) - 1];
    if (reprompt !== undefined) await speak(reprompt, 'reprompt');
    if (!port.live(token)) return true;
    await speak(lastPrompt, 'prompt');
    return false;
  };

  const askOptions: MatchOptions = { language, outcomes: setup.outcomes, globalWords: setup.globalWords, bounds: job.bounds };
  const askVocabulary = vocabularyFor(askOptions);
  // Only asks with a read-back ever listen for yes/no.
  let confirmOptions: MatchOptions | undefined;
  let confirmVocabulary: ReturnType<typeof vocabularyFor> | undefined;

  for (;;) {
    if (!port.live(token)) return;
    if (progress.confirming) confirmOptions ??= { ...askOptions, outcomes: CONFIRM_OUTCOMES };
    const options = progress.confirming ? confirmOptions! : askOptions;
    const vocabulary = progress.confirming ? (confirmVocabulary ??= vocabularyFor(confirmOptions!)) : askVocabulary;
    const listenOptions = { timeoutMs: job.timeoutMs, stateId };
    let heard: ListenResult;
    try {
      heard = await port.host.listen(vocabulary, listenOptions);
    } catch (first) {
      heard = await port.retryHost('host.listen', () => port.host.listen(vocabulary, listenOptions), first, token);
    }
    if (!port.live(token)) return;

    if (heard.kind === 'silence') {
      port.emit('silence', stateId, { attempt: progress.noInput + 1 });
      if (await fail('noInput', { type: 'NOINPUT' })) return;
      continue;
    }

    // The best hypothesis above the confidence floor that means something here.
    let chosen: Hypothesis | undefined;
    let match: UtteranceMatch | null = null;
    const alternatives = heard.alternatives ?? [];
    for (let i = -1; i < alternatives.length; i++) {
      const h: Hypothesis = i < 0 ? heard : alternatives[i]!;
      if (!(h.confidence >= job.minConfidence)) continue;
      match = matchUtterance(h.text, options);
      if (match) {
        chosen = h;
        break;
      }
    }
    // A process-wide word the machine does not accept here is no match, not a stuck dialog.
    if (match?.kind === 'global' && !port.accepts({ type: `GLOBAL.${match.name}` })) match = null;
    const data: { [k: string]: JsonValue } = { text: heard.text, confidence: heard.confidence, matched: label(match) };
    if (heard.alternatives?.length) data.alternatives = heard.alternatives.map((a) => ({ text: a.text, confidence: a.confidence }));
    if (chosen && chosen.text !== heard.text) data.chosen = chosen.text;
    port.emit('hypothesis', stateId, data);

    if (!match || !chosen) {
      const reason = heard.confidence < job.minConfidence ? 'low-confidence' : 'out-of-vocabulary';
      port.emit('nomatch', stateId, { text: heard.text, confidence: heard.confidence, attempt: progress.noMatch + 1, reason });
      if (await fail('noMatch', { type: 'NOMATCH', text: heard.text })) return;
      continue;
    }
    switch (match.kind) {
      case 'repeat':
        await speak(lastPrompt, 'repeat');
        continue;
      case 'help':
        await speak(job.help ?? job.prompt, 'help');
        continue;
      case 'global':
        port.finish(token, { type: `GLOBAL.${match.name}`, text: chosen.text, confidence: chosen.confidence });
        return;
      case 'outcome':
        break;
    }
    progress.noInput = 0;
    progress.noMatch = 0;
    if (progress.confirming) {
      const answer = progress.confirming;
      if (match.name === 'yes') {
        port.finish(token, { type: `ANSWER.${answer.name}`, value: answer.value, text: answer.text, confidence: answer.confidence });
        return;
      }
      delete progress.confirming;
      lastPrompt = job.prompt;
      void port.saveProgress(progress);
      await speak(lastPrompt, 'prompt');
      continue;
    }
    if (setup.confirmText) {
      progress.confirming = { name: match.name, value: match.value, text: chosen.text, confidence: chosen.confidence };
      void port.saveProgress(progress);
      lastPrompt = setup.confirmText(progress.confirming);
      await speak(lastPrompt, 'confirm');
      continue;
    }
    port.finish(token, { type: `ANSWER.${match.name}`, value: match.value, text: chosen.text, confidence: chosen.confidence });
    return;
  }
}
