// dist/voiceman-runtime-regex.iife.js: RE2 (re2js) for CEL `matches`, for the IIFE, which leaves
// it out. Load it after voiceman-runtime.iife.js; machines without `matches` do not need it.
import { RE2JS } from 're2js';

const runtime = globalThis.VoicemanRuntime;
if (!runtime || typeof runtime.registerRegexEngine !== 'function') {
  throw new Error('voiceman-runtime-regex.iife.js: load voiceman-runtime.iife.js first');
}
runtime.registerRegexEngine({ compile: (pattern) => RE2JS.compile(pattern) });
