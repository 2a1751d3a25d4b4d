/** Schemas of the terminal's heartbeat and release offers (the route schema is the contract; the types are derived from it). */
import type { FromSchema } from 'json-schema-to-ts';
import { PLAIN_TEXT } from '../schemas.js';

const shortText = { type: 'string', maxLength: 200, pattern: PLAIN_TEXT } as const;
export const operatorId = { type: 'string', pattern: '^[A-Za-z0-9._@:-]{1,100}$' } as const;
const version = { type: 'string', maxLength: 100, pattern: PLAIN_TEXT } as const;

/** Largest backlog a terminal may report (a huge queue is reported, not refused). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** What a heartbeat reports beyond versions and machines (the fleet lists it as reported). */
export const terminalStatus = {
  queue: {
    type: 'object', required: ['backlog', 'rejected'], additionalProperties: false,
    description: 'Dialog events waiting to be sent, and events the server refused (kept aside on the device)',
    properties: { backlog: { type: 'integer', minimum: 0, maximum: MAX_COUNT }, rejected: { type: 'integer', minimum: 0, maximum: MAX_COUNT } },
  },
  battery: {
    type: 'object', required: ['level'], additionalProperties: false,
    properties: { level: { type: 'number', minimum: 0, maximum: 100, description: 'percent' }, charging: { type: 'boolean' } },
  },
  wifi: {
    type: 'object', required: ['connected'], additionalProperties: false,
    properties: { connected: { type: 'boolean' }, ssid: { type: 'string', maxLength: 64, pattern: PLAIN_TEXT }, rssi: { type: 'integer', minimum: -150, maximum: 0, description: 'dBm' } },
  },
  operatorId: { anyOf: [operatorId, { type: 'null' }] },
  processKey: { type: ['string', 'null'], maxLength: 100, pattern: PLAIN_TEXT },
  state: { type: ['string', 'null'], maxLength: 300, pattern: PLAIN_TEXT, description: 'The dialog state the operator is in' },
} as const;

/** How the device describes itself: a few short strings (model, manufacturer, android, appVersion...). */
export const device = {
  type: 'object', maxProperties: 20,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
  additionalProperties: shortText,
} as const;

export const heartbeatBody = {
  type: 'object', required: ['shellVersion', 'runtimeVersion', 'machines'], additionalProperties: false,
  properties: {
    shellVersion: version,
    webVersion: version,
    runtimeVersion: version,
    machines: {
      type: 'array', maxItems: 500,
      items: { type: 'object', required: ['processKey', 'hash'], additionalProperties: false, properties: { processKey: { type: 'string', maxLength: 100, pattern: PLAIN_TEXT }, hash: { type: 'string', maxLength: 128, pattern: PLAIN_TEXT } } },
    },
    ...terminalStatus,
    device,
  },
} as const;

/** What a heartbeat sends: versions, machines, status and device. */
export type Heartbeat = FromSchema<typeof heartbeatBody>;
/** What a heartbeat reports beyond versions and machines (all optional: old clients send none). */
export type HeartbeatStatus = FromSchema<{ type: 'object'; additionalProperties: false; properties: typeof terminalStatus }>;
/** How a device describes itself (model, OS, app id...): short strings only. */
export type TerminalDevice = FromSchema<typeof device>;

const offerProps = {
  url: { type: 'string', description: 'GET with the terminal token' },
  sha256: { type: 'string', description: 'hex sha256 of the bytes: check before installing' },
  size: { type: 'integer' },
} as const;
const offerSchema = { type: 'object', required: ['url', 'sha256', 'size'], properties: offerProps } as const;

export const heartbeatAnswer = {
  type: 'object', required: ['lastSeenAt'],
  properties: {
    lastSeenAt: { type: 'string' },
    update: { type: 'object', description: 'A newer web app', required: ['webVersion', ...offerSchema.required], properties: { webVersion: { type: 'string' }, ...offerProps } },
    apk: { type: 'object', description: 'A newer Android shell', required: ['version', ...offerSchema.required], properties: { version: { type: 'string' }, ...offerProps } },
  },
} as const;

export type ReleaseOffer = FromSchema<typeof offerSchema>;
export const downloadUrl = (id: number) => `/api/terminal/v1/shell-releases/${id}/download`;
/** A release as offered. */
export const offer = (r: { id: number; sha256: string; size: number }): ReleaseOffer => ({ url: downloadUrl(r.id), sha256: r.sha256, size: r.size });

/** A terminal as GET /api/terminals lists it. */
export const terminalListItem = {
  type: 'object',
  properties: {
    id: { type: 'string' }, siteId: { type: 'string' }, name: { type: 'string' }, lastSeenAt: { type: ['string', 'null'] },
    tokenExpiresAt: { type: ['string', 'null'] },
    shellVersion: { type: ['string', 'null'] }, webVersion: { type: ['string', 'null'] }, runtimeVersion: { type: ['string', 'null'] },
    machines: {
      type: 'array', description: 'What the last heartbeat reported running',
      items: { type: 'object', properties: { processKey: { type: 'string' }, hash: { type: 'string' } } },
    },
    ...terminalStatus,
    device: { anyOf: [device, { type: 'null' }] },
  },
} as const;
