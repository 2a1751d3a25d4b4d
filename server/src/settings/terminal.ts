/** The settings' part of the terminal API: their schema in the rules, and redaction at ingest. */
import { redactWith } from '@voiceman/runtime';
import type { IncomingEvent } from '../repositories/events.js';
import type { RulesCache } from '../rules-cache.js';

/** The schema lives with the other settings schemas (plain data for api-types); the terminal route takes it from here. */
export { deliveredSettings } from './schemas.js';

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
