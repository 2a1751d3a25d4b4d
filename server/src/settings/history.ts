import { redactWith, secretPatterns, type JsonValue } from '@voiceman/runtime';
import type { SettingsRepository } from '../repositories/settings.js';
import type { StoredEvent } from '../repositories/events.js';
import { secretValues } from './effective.js';

/** Stored events with the site's current secret values replaced (for the history pages). */
export async function redactStored(settings: SettingsRepository, siteId: string, events: StoredEvent[]): Promise<StoredEvent[]> {
  const found = await settings.effectiveForSite(siteId).catch(() => undefined);
  const patterns = secretPatterns(found ? secretValues(found.settings) : []);
  if (patterns.length === 0) return events;
  return events.map((e) => ({ ...e, data: redactWith(e.data as { [key: string]: JsonValue }, patterns) }));
}
