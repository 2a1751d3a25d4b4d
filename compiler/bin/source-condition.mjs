// Module resolve hook: adds the `source` export condition, so the workspace packages
// (@voiceman/runtime, @voiceman/compiler) resolve to their TypeScript sources instead of a
// dist/ that may be missing or stale. Registered by ./voiceman.js before tsx.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('source') ? context.conditions : [...context.conditions, 'source'];
  return nextResolve(specifier, { ...context, conditions });
}
