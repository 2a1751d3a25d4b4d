/** The settings' part of the terminal API: their schema in the rules, and redaction at ingest. */
import { redactWith } from '@voiceman/runtime';
import type { IncomingEvent } from '../repositories/events.js';
import type { RulesCache } from '../rules-cache.js';

/** What each process entry of `GET /api/terminal/v1/machines` carries besides its machine. */
export const deliveredSettings = {
  input: { type: 'object', description: "The dialog's input: the process's input variables from the site's settings (secrets included).", additionalProperties: true },
  settings: {
    type: 'object', description: "The runtime's DialogOptions.settings from the site's runtime.* settings.",
    properties: { confidenceThreshold: { type: 'number' }, silenceTimeoutFactor: { type: 'number' }, language: { type: 'string' } },
  },
  secrets: { type: 'array', items: { type: 'string' }, description: "DialogOptions.secrets: names of the inputs that are secret." },
} as const;

/**
 * The second line of defence: the runtime already hides secrets (DialogOptions.secrets); an
 * older or misconfigured terminal may not, so the site's known secret values are replaced in
 * every event before it is stored. Costs nothing at a site without secrets.
 */
export async function redactIngest(rules: RulesCache, siteId: string, events: IncomingEvent[]): Promise<void> {
  const patterns = (rules.peek(siteId) ?? (await rules.get(siteId))).secretPatterns;
  if (patterns.length === 0) return;
  for (const e of events) e.data = redactWith(e.data, patterns);
}
