/** The fleet's routes (docs/api.md *Terminal fleet*, *Pairing*). */
import type { FleetSite } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';

export interface PairingCode {
  code: string;
  expiresAt: string;
  /** SVG of `pairUrl`. */
  qr: string;
  pairUrl: string;
  siteId: string;
  name: string;
}

const enc = encodeURIComponent;
export const fleetApi = {
  sites: () => call<FleetSite[]>('GET', '/api/fleet'),
  pairingCode: (siteId: string, name: string) => call<PairingCode>('POST', '/api/terminals/pairing-codes', { siteId, name }),
  rename: (id: string, name: string) => call<{ id: string; name: string }>('PATCH', `/api/terminals/${enc(id)}`, { name }),
  revoke: (id: string) => call<void>('DELETE', `/api/terminals/${enc(id)}`),
};
