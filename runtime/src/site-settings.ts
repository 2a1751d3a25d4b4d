/**
 * Site runtime settings (`DialogOptions.settings`): a site's values over the process's own
 * defaults. A noisy site lowers the confidence floor or stretches every silence timeout; the
 * site's language is used when the process declares it.
 */
import type { Lang, MachineMeta } from './format.js';
import type { DialogContext } from './context.js';

export interface SiteSettings {
  /** Replaces the process's `minConfidence` (asks that set their own keep it). 0..1. */
  confidenceThreshold?: number;
  /** Multiplies every ask's silence timeout (its own or the process's). 0.25..4. */
  silenceTimeoutFactor?: number;
  /** The dialog's language when the process declares it (else the process's first language). */
  language?: Lang;
}

export const SILENCE_FACTOR_RANGE = { min: 0.25, max: 4 } as const;

/** Why `settings` cannot be used, or null. The server checks the same bounds when they are saved. */
export function siteSettingsProblem(settings: SiteSettings): string | null {
  const t = settings.confidenceThreshold;
  if (t !== undefined && !(typeof t === 'number' && t >= 0 && t <= 1)) return `confidenceThreshold must be a number from 0 to 1, got ${JSON.stringify(t)}`;
  const f = settings.silenceTimeoutFactor;
  const { min, max } = SILENCE_FACTOR_RANGE;
  if (f !== undefined && !(typeof f === 'number' && f >= min && f <= max)) return `silenceTimeoutFactor must be a number from ${min} to ${max}, got ${JSON.stringify(f)}`;
  return null;
}

/** The context's `settings`: the machine's defaults with the site's values applied. */
export function effectiveSettings(meta: MachineMeta, site: SiteSettings | undefined): DialogContext['settings'] {
  const out: DialogContext['settings'] = { ...meta.settings };
  if (site?.confidenceThreshold !== undefined) out.minConfidence = site.confidenceThreshold;
  if (site?.silenceTimeoutFactor !== undefined && site.silenceTimeoutFactor !== 1) out.timeoutFactor = site.silenceTimeoutFactor;
  return out;
}

/** The language a dialog runs in: the caller's choice, else the site's when declared, else the process's first. */
export function dialogLanguage(meta: MachineMeta, explicit: Lang | undefined, site: SiteSettings | undefined): Lang {
  if (explicit) return explicit;
  if (site?.language && meta.languages.includes(site.language)) return site.language;
  return meta.languages[0]!;
}
