/**
 * @voiceman/runtime: interprets published Voiceman machine JSON (XState v5) for voice dialogs,
 * in any JS host (browser, Node, Android WebView, QuickJS). Start reading here.
 *
 *   loadMachine(json)            validate + prepare once (throws MachineValidationError)
 *   createDialog(machine, host)  run one session; effects go through the host
 *   createScriptedHost()         a deterministic host for tests and simulators
 */
export type * from './format.js';
export { ANSWER_PREFIX, GLOBAL_PREFIX, MACHINE_EVENTS, MAX_FORMAT_VERSION, REQUEST_ERROR_CLASSES, REQUEST_PREFIX } from './format.js';
export type * from './host.js';
export type * from './dialog-event.js';

export { loadMachine, validateMachine, MachineValidationError, type LoadedMachine, type MachineIssue, type StateInfo } from './load.js';
export { storageKey, SEQ_BLOCK } from './session-record.js';
export { createDialog, HOST_RETRY_DELAY_MS, type Dialog, type DialogOptions, type DialogResult, type DialogState, type SendResult } from './dialog.js';
export type { StartAt, DroppedVariable } from './switch.js';
export { adaptInspection, type DialogInspector, type DialogInspectionEvent, type InspectedEvent, type InspectedSnapshot, type InspectedTransition } from './inspect.js';
export type { DialogContext, SessionInfo, EventLike } from './context.js';
export { checkCel, createCelChecker, forgetCelEnvironments, isAssignable, CEL_RESERVED_WORDS, type CelChecker, type CelIssue, type CelVariables } from './cel.js';
export { typeMismatch as valueTypeMismatch, zeroValue } from './context.js';
export { templateParts, TemplateError, urlProblem, type TemplatePart } from './template.js';
export { depthProblem, type DepthProblem } from './json-depth.js';
export { CEL_LIMITS, CelLimitError, type CelLimitCode } from './cel-limits.js';
export { registerRegexEngine, type RegexEngine } from './cel-regex.js';
export { IDEMPOTENCY_HEADER, retryDelayMs, BACKOFF_MAX_MS } from './idempotency.js';
export { statusClass } from './request-runner.js';
export { parseSpokenNumber, parseSpokenDigits, normalizeText } from './numbers.js';
export { matchUtterance, vocabularyFor, YES_WORDS, NO_WORDS, BUILTIN_WORDS, type MatchOptions, type UtteranceMatch } from './match.js';
export { createScriptedHost, createVirtualClock, MemoryStorage, runUntilDone, type RunUntilDoneOptions, type ScriptedHost, type ScriptedHostOptions, type ScriptedListen, type ScriptedResponse, type VirtualClock } from './scripted-host.js';
export { redactSecrets, redactWith, secretPatterns, REDACTED } from './redact.js';
export { siteSettingsProblem, SILENCE_FACTOR_RANGE, type SiteSettings } from './site-settings.js';
export { actionRegistry } from './actions/registry.js';
export { guardRegistry } from './guards/registry.js';
export { BUILTIN_WORD_NAMES, builtinPhrases, type BuiltinPhrases } from './builtin-words.js';
export { stepSpeech, SPEECH_BOUNDS, WORD_REPLIES, type VoiceWord } from './voice-words.js';
