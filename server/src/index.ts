/** @voiceman/server: the Fastify app (drafts, versions, environments, terminal API, dialog history). */
export { buildApp, type BuildOptions, type VoicemanApp } from './build.js';
export { default as appPlugin, repositories, type Repositories } from './app.js';
export { seedExamples, type SeedResult } from './seed.js';
export { openDb, type DbOptions } from './db/open.js';
export type { Db, Queryable } from './db/db.js';
export { ACCESS, type Access } from './plugins/access.js';
export { MAX_BATCH, EVENTS_BODY_LIMIT } from './routes/terminal.js';
export { resolveDialogSettings, browserView as effectiveSettingsView, type DialogSettingsRequest, type ResolvedSettings } from './settings/resolve.js';
export { RUNTIME_SETTINGS, SETTING_TYPES, type SettingType, type SettingValue } from './settings/definitions.js';
