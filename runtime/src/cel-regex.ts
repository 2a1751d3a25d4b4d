/**
 * Regular expressions of CEL's `matches` on RE2 (re2js, a pure-JS port of RE2J: no eval, runs
 * in QuickJS and browsers). RE2 matches in time linear in the subject, so no pattern can
 * backtrack catastrophically (`^(a+)+$` included), and RE2 syntax is what the CEL
 * specification prescribes for `matches`. JS-only syntax (backreferences, lookaround) does
 * not parse and is refused at check time when the pattern is a literal.
 */
import { RE2JS } from 're2js';
import { CelLimitError } from './cel-limit-error.js';

/** The longest pattern accepted (RE2 programs grow with the pattern, and `a{1000}{1000}` would explode). */
export const MAX_REGEX_LENGTH = 1_000;

const CACHE_SIZE = 256;
const cache = new Map<string, RE2JS | CelLimitError>();

function compile(pattern: string): RE2JS | CelLimitError {
  if (pattern.length > MAX_REGEX_LENGTH) return new CelLimitError('cel.regex', `regular expression is longer than ${MAX_REGEX_LENGTH} characters`);
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    return new CelLimitError('cel.regex', `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** The compiled pattern; throws `CelLimitError` (`cel.regex`) when it is not valid RE2. */
export function compileRegex(pattern: string): RE2JS {
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
