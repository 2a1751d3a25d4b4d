/**
 * The scenario format (formatVersion 1): types of what schema.ts checks, and the parser that
 * turns a file's text into a Scenario or a ScenarioFormatError naming the file and the field.
 */
import { Validator } from '@cfworker/json-schema';
import type { JsonValue } from '@voiceman/runtime';
import type { SimInput, StubAnswer, WmsStubs } from '../types.js';
import { scenarioSchema } from './schema.js';

export const SCENARIO_FORMAT_VERSION = 1;
export const SCENARIO_FILE = '.scenario.json';

/** Exact text, a substring, or a regular expression (JavaScript syntax, unanchored). */
export type PromptMatcher = string | { contains: string } | { matches: string };

export interface StepExpectation {
  /** Every prompt spoken after this input, in order (count included). Absent: unchecked. */
  prompts?: PromptMatcher[];
  /** The state the dialog waits in (or ended in) after this input. */
  state?: string;
  /** scope → name → value; only the named variables are compared (deep equality). */
  variables?: Record<string, Record<string, JsonValue>>;
}

export type ScenarioStep = ({ say: string; confidence?: number } | { silence: true } | { unclear: true }) & {
  expect?: StepExpectation;
  note?: string;
};

export interface ScenarioEnd {
  status?: 'done' | 'error' | 'switched' | 'stopped';
  state?: string;
  result?: JsonValue;
  /** The outcome the dialog result names (the end node's `outcome`). */
  outcome?: string;
}

export interface Scenario {
  $schema?: string;
  formatVersion: 1;
  name: string;
  description?: string;
  /** Process key of the flow under test. */
  process: string;
  language?: string;
  input?: Record<string, JsonValue>;
  stubs?: WmsStubs;
  /** Checked before the first input (step 0). */
  start?: StepExpectation;
  steps: ScenarioStep[];
  /** Absent: the scenario does not check how (or whether) the dialog ends. */
  end?: ScenarioEnd;
}

export class ScenarioFormatError extends Error {
  constructor(
    readonly file: string,
    /** JSON pointer of the offending field (`''` for the whole file). */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}${field ? ` at ${field}` : ''}: ${detail}`);
    this.name = 'ScenarioFormatError';
  }
}

let validator: Validator | undefined;

const STEP_KINDS = ['say', 'silence', 'unclear'] as const;

/** A step with none or several of say/silence/unclear: said as such, not as the schema's oneOf detail. */
function stepKindProblem(value: unknown): { field: string; message: string } | undefined {
  const steps = (value as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return undefined;
  for (const [i, step] of steps.entries()) {
    if (step === null || typeof step !== 'object' || Array.isArray(step)) continue;
    const kinds = STEP_KINDS.filter((k) => k in step);
    if (kinds.length === 1) continue;
    const unknown = Object.keys(step).filter((k) => !['confidence', 'expect', 'note', ...STEP_KINDS].includes(k));
    const has = kinds.length === 0 ? `it has none${unknown.length ? `; unknown field ${unknown.map((k) => `"${k}"`).join(', ')}` : ''}` : `it has ${kinds.join(' and ')}`;
    return { field: `/steps/${i}`, message: `a step has exactly one of say, silence or unclear (${has})` };
  }
  return undefined;
}

/**
 * The deepest (most specific) error of a failed validation, as pointer and message, in words a
 * scenario author reads (the validator's "False boolean schema." is a field the format lacks).
 */
function firstProblem(errors: { instanceLocation: string; error: string; keyword: string }[], value: unknown): { field: string; message: string } {
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'allOf', '$ref', 'properties', 'items', 'additionalProperties'].includes(e.keyword) || e.error.includes('does not match'));
  const pool = specific.length > 0 ? specific : errors;
  const best = pool.reduce((a, b) => (b.instanceLocation.length > a.instanceLocation.length ? b : a));
  const field = best.instanceLocation.replace(/^#/, '');
  if (best.keyword === 'false') return { field, message: `unknown field "${decodeURIComponent(field.split('/').pop() ?? '')}"` };
  if (field === '/formatVersion') {
    const version = (value as { formatVersion?: unknown }).formatVersion;
    return { field, message: `formatVersion ${JSON.stringify(version)} is not supported: this runner reads formatVersion ${SCENARIO_FORMAT_VERSION}` };
  }
  return { field, message: best.error };
}

/** Parses and checks one scenario file; throws ScenarioFormatError with the file and field. */
export function parseScenario(text: string, file = 'scenario'): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFormatError(file, '', `not JSON (${(error as Error).message})`);
  }
  validator ??= new Validator(scenarioSchema as never, '2020-12', false);
  const result = validator.validate(value);
  if (!result.valid) {
    const { field, message } = stepKindProblem(value) ?? firstProblem(result.errors, value);
    throw new ScenarioFormatError(file, field, message);
  }
  const scenario = value as Scenario;
  const check = (e: StepExpectation | undefined, at: string) => {
    e?.prompts?.forEach((p, i) => {
      if (typeof p === 'object' && 'matches' in p) {
        try {
          new RegExp(p.matches, 'u');
        } catch (error) {
          throw new ScenarioFormatError(file, `${at}/prompts/${i}/matches`, `not a regular expression (${(error as Error).message})`);
        }
      }
    });
  };
  check(scenario.start, '/start');
  scenario.steps.forEach((s, i) => check(s.expect, `/steps/${i}/expect`));
  return scenario;
}

/** The simulator input of one step. */
export function inputOf(step: ScenarioStep): SimInput {
  if ('say' in step) return { kind: 'speech', text: step.say, ...(step.confidence !== undefined ? { confidence: step.confidence } : {}) };
  return 'silence' in step ? { kind: 'silence' } : { kind: 'unclear' };
}

/** The scenario step of one simulator input (recording, generation). */
export function stepOf(input: SimInput): ScenarioStep {
  if (input.kind === 'speech') return { say: input.text, ...(input.confidence !== undefined ? { confidence: input.confidence } : {}) };
  return input.kind === 'silence' ? { silence: true } : { unclear: true };
}

export type { StubAnswer };
