/**
 * Regular expressions of CEL's `matches` on RE2 (re2js, a pure-JS port of RE2J: no eval, runs
 * in QuickJS and browsers). RE2 matches in time linear in the subject, so no pattern can
 * backtrack catastrophically (`^(a+)+$` included), and RE2 syntax is what the CEL
 * specification prescribes for `matches`. JS-only syntax (backreferences, lookaround) does
 * not parse and is refused at check time when the pattern is a literal.
 *
 * RE2 is most of the runtime's size, so the IIFE leaves it out (scripts/build.mjs maps `re2js`
 * to nothing there) and `voiceman-runtime-regex.iife.js`, loaded after it, registers it. Without
 * an engine a machine that uses `matches` is refused at load (cel-static.ts), never run on a
 * backtracking `RegExp`. Everywhere else (ESM: Node, bundlers, the terminal) re2js is bundled.
 */
import { RE2JS } from 're2js';
import { CelLimitError } from './cel-limit-error.js';

/** A linear-time regular expression engine for `matches` (RE2 syntax). */
export interface RegexEngine {
  compile(pattern: string): { test(subject: string): boolean };
}

type Compiled = ReturnType<RegexEngine['compile']>;

// `RE2JS` is undefined in the IIFE build (see above).
let engine: RegexEngine | undefined = RE2JS ? { compile: (pattern) => RE2JS.compile(pattern) } : undefined;

export const NO_REGEX_ENGINE =
  'matches() needs the RE2 engine, which this build of the runtime leaves out: load voiceman-runtime-regex.iife.js after voiceman-runtime.iife.js';

/** Installs the engine of `matches` (the IIFE's RE2 add-on calls this). */
export function registerRegexEngine(next: RegexEngine): void {
  engine = next;
  engines += 1;
  cache.clear();
}
let engines = 0;

export const hasRegexEngine = (): boolean => engine !== undefined;

/** Which engine checks patterns now: part of a shared CEL environment's key (cel.ts), as a check's result depends on it. */
export const regexEngineKey = (): string => (engine === undefined ? '-' : `re2#${engines}`);

/** The longest pattern accepted (RE2 programs grow with the pattern, and `a{1000}{1000}` would explode). */
export const MAX_REGEX_LENGTH = 1_000;

const CACHE_SIZE = 256;
const cache = new Map<string, Compiled | CelLimitError>();

function compile(pattern: string): Compiled | CelLimitError {
  if (!engine) return new CelLimitError('cel.regex', NO_REGEX_ENGINE);
  if (pattern.length > MAX_REGEX_LENGTH) return new CelLimitError('cel.regex', `regular expression is longer than ${MAX_REGEX_LENGTH} characters`);
  try {
    return engine.compile(pattern);
  } catch (error) {
    return new CelLimitError('cel.regex', `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** The compiled pattern; throws `CelLimitError` (`cel.regex`) when it is not valid RE2. */
export function compileRegex(pattern: string): Compiled {
  let hit = cache.get(pattern);
  if (!hit) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(pattern, (hit = compile(pattern)));
  }
  if (hit instanceof CelLimitError) throw hit;
  return hit;
}

/** Why `pattern` cannot be used by `matches`, or null. */
export function regexProblem(pattern: string): string | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
