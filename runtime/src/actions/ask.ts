/**
 * `vm.ask`: everything an ask does, in the order it happens.
 *
 *  1. Load (`prepare`, `askEvents`): params checked, texts and CEL bounds parsed once. The
 *     loader (load.ts) requires a handler for every event an ask can send (`askEvents`).
 *  2. Entry (`effect`): the job: texts rendered and bounds resolved against the context the
 *     state was entered with. The job is persisted with the session, so a resume asks the same.
 *  3. Run (`runAsk`): prompt, listen with the ask's vocabulary, reprompt on silence or no match
 *     with escalating text, repeat and help on request, a read-back of an answer heard with
 *     low confidence (the band), the answer's check (wrong text, then the prompt again), an
 *     optional (conditional) read-back (`askSetup` renders it), then `ANSWER.<outcome>`,
 *     `NOINPUT`, `NOMATCH`, `WRONG` or `GLOBAL.<word>` into the machine. Counters and a pending
 *     read-back are saved as the session's `ask` progress. With barge-in (the ask allows it
 *     and the host can stop speech) the host listens while the last prompt plays.
 *
 * The driver (dialog.ts) only queues the job and calls `runAsk` through its `DriverPort`. The
 * words matched besides the outcomes: match.ts (`wordMatches`, one table per process and
 * language); those that act outside the ask (back up, the voice words): ask-words.ts.
 */
import type { AskOutcome, AskParams, GlobalWord, JsonValue, Lang } from '../format.js';
import { ANSWER_PREFIX, GLOBAL_PREFIX } from '../format.js';
import { toCel, type CelProgram } from '../cel.js';
import { activation, type DialogContext } from '../context.js';
import type { Hypothesis, ListenResult } from '../host.js';
import type { AskJob } from '../jobs.js';
import { matchUtterance, vocabularyFor, wordMatches, type MatchOptions, type UtteranceMatch } from '../match.js';
import type { AskProgress, DriverPort, PromptReason } from '../driver-port.js';
import type { BuiltinPhrases } from '../builtin-words.js';
import { addIssue, confirmEnv, prepareCel, prepareText, renderText, resolveScope, type PrepareContext, type PreparedText, type ScopeRuntime } from '../prepare.js';
import type { ActionDefinition } from './types.js';

function toNumber(value: JsonValue, source: string): number {
  if (typeof value !== 'number') throw new Error(`number bound "${source}" yielded ${JSON.stringify(value)}, not a number`);
  return value;
}

export interface PreparedPolicy {
  reprompts: PreparedText[];
  maxAttempts: number;
}

export interface PreparedAsk {
  stateId: string;
  scope: ScopeRuntime;
  prompt: PreparedText;
  help?: PreparedText;
  outcomes: AskOutcome[];
  /** CEL bounds of number outcomes, by outcome name. */
  bounds: Record<string, { min?: CelProgram; max?: CelProgram }>;
  noInput: PreparedPolicy;
  noMatch: PreparedPolicy;
  timeoutMs?: number;
  minConfidence?: number;
  /** Read-back prompt; sees `answer` ({ name, value, text }). */
  confirm?: PreparedText;
  /** Read back only when this is true (sees `answer`). */
  confirmCondition?: CelProgram;
  /** Checked answer: `expr` and the wrong text see `answer`. */
  check?: { expr: CelProgram; wrong: PreparedText; limit: number; outcomes?: string[] };
  confirmBelow?: number;
  /** False: the prompts are heard in full (no listening while they play). */
  bargeIn: boolean;
  /** Words heard in this ask only; matched after the process-wide words. */
  words?: GlobalWord[];
}

function preparePolicy(ctx: PrepareContext, scope: ScopeRuntime, policy: AskParams['noInput'], field: 'noInput' | 'noMatch'): PreparedPolicy | null {
  const reprompts: PreparedText[] = [];
  let ok = true;
  policy.reprompts.forEach((text, i) => {
    const prepared = prepareText(ctx, scope.env, text, field, `/${field}/reprompts/${i}`);
    if (prepared) reprompts.push(prepared);
    else ok = false;
  });
  return ok ? { reprompts, maxAttempts: policy.maxAttempts } : null;
}

function checkOutcome(ctx: PrepareContext, outcome: AskOutcome, i: number, languages: Lang[]): boolean {
  const g = outcome.grammar;
  const at = `/outcomes/${i}/grammar`;
  if (g.type === 'digits' && (g.minLength < 1 || g.maxLength < g.minLength)) {
    addIssue(ctx, 'outcomes', `outcome "${outcome.name}": digits need 1 <= minLength <= maxLength (got ${g.minLength}..${g.maxLength})`, at);
    return false;
  }
  if (g.type === 'number' && g.min !== undefined && g.max !== undefined && g.min > g.max) {
    addIssue(ctx, 'outcomes', `outcome "${outcome.name}": number min ${g.min} is above max ${g.max}`, at);
    return false;
  }
  if (g.type === 'phrases') {
    const missing = languages.filter((l) => !(g.phrases[l]?.length));
    if (missing.length) {
      addIssue(ctx, 'outcomes', `outcome "${outcome.name}": no phrases for ${missing.join(', ')}`, `${at}/phrases`);
      return false;
    }
  }
  return true;
}

/** Every event an ask can send: the machine must handle each where the ask is (load.ts checks). */
export function askEvents(params: { outcomes: { name: string }[]; check?: unknown; words?: { name: string }[] }): string[] {
  return [
    ...params.outcomes.map((o) => ANSWER_PREFIX + o.name),
    'NOINPUT',
    'NOMATCH',
    ...(params.check !== undefined ? ['WRONG'] : []),
    ...(params.words ?? []).map((w) => GLOBAL_PREFIX + w.name),
  ];
}

/** The checked answer's parts, or null after reporting (`ok` false) what is wrong with them. */
function prepareCheck(ctx: PrepareContext, scope: ScopeRuntime, check: NonNullable<AskParams['check']>, names: Set<string>): PreparedAsk['check'] | null {
  const expr = prepareCel(ctx, confirmEnv(scope), check.expr, 'check', '/check/expr', 'bool');
  const wrong = prepareText(ctx, confirmEnv(scope), check.wrong, 'check', '/check/wrong');
  let ok = !!expr && !!wrong;
  if (!(check.limit >= 1)) {
    addIssue(ctx, 'check', `check.limit must be at least 1 (got ${check.limit})`, '/check/limit');
    ok = false;
  }
  for (const [i, name] of (check.outcomes ?? []).entries()) {
    if (names.has(name)) continue;
    addIssue(ctx, 'check', `check.outcomes names "${name}", which is not an outcome of this ask`, `/check/outcomes/${i}`);
    ok = false;
  }
  if (!ok) return null;
  return { expr: expr!, wrong: wrong!, limit: check.limit, ...(check.outcomes ? { outcomes: check.outcomes } : {}) };
}

/* ---------- 1. load, 2. entry ---------- */

export const ask: ActionDefinition<AskParams, PreparedAsk> = {
  kind: 'effect',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    let ok = true;
    const prompt = prepareText(ctx, scope.env, params.prompt, 'prompt', '/prompt');
    const help = params.help ? prepareText(ctx, scope.env, params.help, 'help', '/help') : undefined;
    const confirm = params.confirm ? prepareText(ctx, confirmEnv(scope), params.confirm.prompt, 'confirm', '/confirm/prompt') : undefined;
    if (params.outcomes.length === 0) {
      addIssue(ctx, 'outcomes', 'an ask needs at least one outcome', '/outcomes');
      ok = false;
    }
    const names = new Set<string>();
    const bounds: PreparedAsk['bounds'] = {};
    params.outcomes.forEach((outcome, i) => {
      if (names.has(outcome.name)) {
        addIssue(ctx, 'outcomes', `duplicate outcome "${outcome.name}"`, `/outcomes/${i}/name`);
        ok = false;
      }
      names.add(outcome.name);
      if (!checkOutcome(ctx, outcome, i, ctx.languages)) ok = false;
      const g = outcome.grammar;
      if (g.type === 'number' && (g.minExpr !== undefined || g.maxExpr !== undefined)) {
        const b: { min?: CelProgram; max?: CelProgram } = {};
        for (const key of ['min', 'max'] as const) {
          const expr = g[`${key}Expr`];
          if (expr === undefined) continue;
          const program = prepareCel(ctx, scope.env, expr, 'outcomes', `/outcomes/${i}/grammar/${key}Expr`, 'double');
          if (program) b[key] = program;
          else ok = false;
        }
        bounds[outcome.name] = b;
      }
    });
    const noInput = preparePolicy(ctx, scope, params.noInput, 'noInput');
    const noMatch = preparePolicy(ctx, scope, params.noMatch, 'noMatch');
    const confirmCondition = params.confirm?.condition !== undefined ? prepareCel(ctx, confirmEnv(scope), params.confirm.condition, 'confirm', '/confirm/condition', 'bool') : undefined;
    const check = params.check ? prepareCheck(ctx, scope, params.check, names) : undefined;
    if (!ok || !prompt || help === null || confirm === null || confirmCondition === null || check === null || !noInput || !noMatch) return null;
    const prepared: PreparedAsk = { stateId: ctx.stateId ?? '', scope, prompt, outcomes: params.outcomes, bounds, noInput, noMatch, bargeIn: params.bargeIn !== false };
    if (help) prepared.help = help;
    if (confirm) prepared.confirm = confirm;
    if (confirmCondition) prepared.confirmCondition = confirmCondition;
    if (check) prepared.check = check;
    if (params.confirmBelow !== undefined) prepared.confirmBelow = params.confirmBelow;
    if (params.timeoutMs !== undefined) prepared.timeoutMs = params.timeoutMs;
    if (params.minConfidence !== undefined) prepared.minConfidence = params.minConfidence;
    if (params.words?.length) {
      const missing = params.words.flatMap((word, i) => ctx.languages.filter((l) => !word.phrases[l]?.length).map((l) => ({ word, i, l })));
      for (const m of missing) addIssue(ctx, 'words', `word "${m.word.name}" has no phrases in ${m.l}`, `/words/${m.i}/phrases`);
      if (missing.length) return null;
      prepared.words = params.words;
    }
    return prepared;
  },
  effect(prepared, { context, event }) {
    const lang = context.session.language;
    const act = activation(context, prepared.scope, event);
    const text = (t: PreparedText) => renderText(t, lang, act);
    const bounds: AskJob['bounds'] = {};
    for (const [name, b] of Object.entries(prepared.bounds)) {
      const resolved: { min?: number; max?: number } = {};
      if (b.min) resolved.min = toNumber(b.min.run(act), b.min.source);
      if (b.max) resolved.max = toNumber(b.max.run(act), b.max.source);
      bounds[name] = resolved;
    }
    const meta = context.settings;
    const job: AskJob = {
      kind: 'ask',
      stateId: prepared.stateId,
      language: lang,
      prompt: text(prepared.prompt),
      noInput: { reprompts: prepared.noInput.reprompts.map(text), maxAttempts: prepared.noInput.maxAttempts },
      noMatch: { reprompts: prepared.noMatch.reprompts.map(text), maxAttempts: prepared.noMatch.maxAttempts },
      bounds,
      timeoutMs: Math.round((prepared.timeoutMs ?? meta.noInputTimeoutMs) * (meta.timeoutFactor ?? 1)),
      minConfidence: prepared.minConfidence ?? meta.minConfidence,
    };
    if (prepared.help) job.help = text(prepared.help);
    const confirmBelow = prepared.confirmBelow ?? meta.confirmBelow;
    if (confirmBelow !== undefined) job.confirmBelow = confirmBelow;
    if (prepared.check) job.wrongLimit = prepared.check.limit;
    if (!prepared.bargeIn) job.bargeIn = false;
    return job;
  },
};

/* ---------- 3. run ---------- */

const CONFIRM_OUTCOMES: AskOutcome[] = [
  { name: 'yes', grammar: { type: 'yes' } },
  { name: 'no', grammar: { type: 'no' } },
];

type Answer = { name: string; value: JsonValue; text: string };

export interface AskSetup {
  outcomes: AskOutcome[];
  globalWords: GlobalWord[];
  /** The built-in words' phrases in this process; absent: the defaults. */
  builtins?: BuiltinPhrases;
  /** Renders the read-back prompt for an answer; absent when the ask has no read-back. */
  confirmText?: (answer: Answer) => string;
  /** Whether the read-back is wanted for this answer (its condition; true without one). */
  confirmWanted?: (answer: Answer) => boolean;
  /** The check: whether the answer is wrong, and the text saying so. */
  wrong?: { is: (answer: Answer) => boolean; text: (answer: Answer) => string };
  /** The host can stop speech, so the ask may listen while its prompt plays. */
  bargeIn: boolean;
}

const withAskWords = new WeakMap<PreparedAsk, GlobalWord[]>();

/**
 * What `runAsk` needs of the loaded ask besides its job. The read-back, its condition and the
 * check are evaluated when needed, against the dialog's context then (`context`), with
 * `answer` ({ name, value, text }).
 */
export function askSetup(prepared: PreparedAsk, globalWords: GlobalWord[], language: Lang, context: () => DialogContext, canStopSpeech = false, builtins?: BuiltinPhrases): AskSetup {
  // The list is built once per state (askSetup runs per visit, but the match caches key on it).
  const words = prepared.words ? (withAskWords.get(prepared) ?? withAskWords.set(prepared, [...globalWords, ...prepared.words]).get(prepared)!) : globalWords;
  const setup: AskSetup = { outcomes: prepared.outcomes, globalWords: words, bargeIn: canStopSpeech && prepared.bargeIn };
  if (builtins) setup.builtins = builtins;
  const act = (answer: Answer) => activation(context(), prepared.scope, { type: 'xstate.confirm' }, { answer: toCel({ name: answer.name, value: answer.value, text: answer.text }) });
  const { confirm, confirmCondition, check } = prepared;
  if (confirm) {
    setup.confirmText = (answer) => renderText(confirm, language, act(answer));
    if (confirmCondition) setup.confirmWanted = (answer) => confirmCondition.raw(act(answer)) === true;
  }
  if (check) {
    setup.wrong = {
      is: (answer) => (check.outcomes === undefined || check.outcomes.includes(answer.name)) && check.expr.raw(act(answer)) !== true,
      text: (answer) => renderText(check.wrong, language, act(answer)),
    };
  }
  return setup;
}

/** The band's read-back: what was heard, as a question ("4 2?"), in any language. */
const heardQuestion = (answer: Answer): string => `${answer.text}?`;

function label(m: UtteranceMatch | null): JsonValue {
  if (!m) return null;
  return m.kind === 'outcome' || m.kind === 'global' || m.kind === 'builtin' ? m.name : m.kind;
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
  const speak = (text: string, reason: PromptReason) => port.speak(text, language, stateId, reason);
  // With barge-in the prompt spoken last before a listen is not waited for: the host listens
  // while it plays and the first hypothesis stops it. Its failure surfaces when it is awaited.
  let playing: { done: Promise<void>; settled: boolean } | null = null;
  const bargeIn = setup.bargeIn && job.bargeIn !== false;
  const prompt = async (text: string, reason: PromptReason, remember = true): Promise<void> => {
    if (remember) lastPrompt = text;
    if (!bargeIn) return speak(text, reason);
    const speech = { done: speak(text, reason), settled: false };
    speech.done.then(
      () => (speech.settled = true),
      () => (speech.settled = true),
    );
    playing = speech;
  };
  const readBack = (answer: NonNullable<AskProgress['confirming']>): string => (answer.heard ? heardQuestion(answer) : setup.confirmText!(answer));
  if (progress.confirming && (progress.confirming.heard || setup.confirmText)) {
    await prompt(readBack(progress.confirming), 'confirm');
  } else {
    delete progress.confirming;
    await prompt(job.prompt, 'prompt');
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
    await prompt(lastPrompt, 'prompt');
    return false;
  };

  /** An answer past the band: checked, read back when wanted, else taken. True when the ask is done. */
  const take = async (answer: NonNullable<AskProgress['confirming']>): Promise<boolean> => {
    const plain = { name: answer.name, value: answer.value, text: answer.text, confidence: answer.confidence };
    if (setup.wrong?.is(plain)) {
      progress.wrong = (progress.wrong ?? 0) + 1;
      if (progress.wrong >= (job.wrongLimit ?? 1)) {
        port.finish(token, { type: 'WRONG', ...plain });
        return true;
      }
      void port.saveProgress(progress);
      await speak(setup.wrong.text(plain), 'wrong');
      if (!port.live(token)) return true;
      await prompt(job.prompt, 'prompt');
      return false;
    }
    if (setup.confirmText && (setup.confirmWanted?.(plain) ?? true)) {
      progress.confirming = plain;
      void port.saveProgress(progress);
      await prompt(setup.confirmText(plain), 'confirm');
      return false;
    }
    port.finish(token, { type: `ANSWER.${answer.name}`, ...plain });
    return true;
  };

  // The words besides the outcomes (process-wide, then built-in): one table per process and
  // language, looked up once here rather than per hypothesis (match.ts).
  const askOptions: MatchOptions = { language, outcomes: setup.outcomes, globalWords: setup.globalWords, bounds: job.bounds, words: wordMatches(setup.globalWords, setup.builtins, language) };
  if (setup.builtins) askOptions.builtins = setup.builtins;
  const askVocabulary = vocabularyFor(askOptions);
  // Only asks with a read-back ever listen for yes/no.
  let confirmOptions: MatchOptions | undefined;
  let confirmVocabulary: ReturnType<typeof vocabularyFor> | undefined;

  for (;;) {
    if (!port.live(token)) return;
    if (progress.confirming) confirmOptions ??= { ...askOptions, outcomes: CONFIRM_OUTCOMES };
    const options = progress.confirming ? confirmOptions! : askOptions;
    const vocabulary = progress.confirming ? (confirmVocabulary ??= vocabularyFor(confirmOptions!)) : askVocabulary;
    const speech = playing as { done: Promise<void>; settled: boolean } | null;
    playing = null;
    const listenOptions: { timeoutMs: number; stateId: string; bargeIn?: true } = { timeoutMs: job.timeoutMs, stateId };
    if (speech && !speech.settled) listenOptions.bargeIn = true;
    let heard: ListenResult;
    try {
      heard = await port.host.listen(vocabulary, listenOptions);
    } catch (first) {
      heard = await port.retryHost('host.listen', () => port.host.listen(vocabulary, listenOptions), first, token);
    }
    let interrupted = false;
    if (speech) {
      if (!speech.settled && heard.kind === 'speech') {
        interrupted = true;
        port.host.stopSpeaking?.();
      }
      await speech.done;
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
    if (interrupted) data.bargeIn = true;
    port.emit('hypothesis', stateId, data);

    if (!match || !chosen) {
      const reason = heard.confidence < job.minConfidence ? 'low-confidence' : 'out-of-vocabulary';
      port.emit('nomatch', stateId, { text: heard.text, confidence: heard.confidence, attempt: progress.noMatch + 1, reason });
      if (await fail('noMatch', { type: 'NOMATCH', text: heard.text })) return;
      continue;
    }
    switch (match.kind) {
      case 'repeat':
        await prompt(lastPrompt!, 'repeat');
        continue;
      case 'help':
        await prompt(job.help ?? job.prompt, 'help', false);
        continue;
      case 'global':
        port.finish(token, { type: `GLOBAL.${match.name}`, text: chosen.text, confidence: chosen.confidence });
        return;
      case 'builtin': {
        const reply = await port.builtinWord(match.name, token);
        if (reply === null || !port.live(token)) return;
        await speak(reply, 'word');
        if (!port.live(token)) return;
        await prompt(lastPrompt!, 'repeat');
        continue;
      }
      case 'outcome':
        break;
    }
    progress.noInput = 0;
    progress.noMatch = 0;
    if (progress.confirming) {
      const answer = progress.confirming;
      delete progress.confirming;
      if (match.name === 'yes') {
        // "Yes" to what was heard (the band): the answer is now taken as if heard clearly.
        if (answer.heard) {
          delete answer.heard;
          if (await take(answer)) return;
          continue;
        }
        port.finish(token, { type: `ANSWER.${answer.name}`, value: answer.value, text: answer.text, confidence: answer.confidence });
        return;
      }
      void port.saveProgress(progress);
      await prompt(job.prompt, 'prompt');
      continue;
    }
    const answer = { name: match.name, value: match.value, text: chosen.text, confidence: chosen.confidence };
    if (job.confirmBelow !== undefined && chosen.confidence < job.confirmBelow) {
      progress.confirming = { ...answer, heard: true };
      void port.saveProgress(progress);
      await prompt(heardQuestion(answer), 'confirm');
      continue;
    }
    if (await take(answer)) return;
  }
}
