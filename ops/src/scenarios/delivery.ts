/** The check every fault scenario ends with: what the terminals produced is stored exactly once. */
import { checkExactlyOnce } from '../infra/dialog-log.js';
import type { WorkerResult } from '../fleet/protocol.js';
import { check, type Check } from './checks.js';

export async function deliveryChecks(databaseUrl: string, result: WorkerResult): Promise<Check[]> {
  const emitted = result.emittedIds ?? [];
  const acked = new Set(result.ackedIds ?? []);
  const db = await checkExactlyOnce(databaseUrl, emitted);
  const lostAcked = db.missing.filter((id) => acked.has(id)).length;
  return [
    check('every acknowledged event is stored', lostAcked === 0, `${acked.size} acknowledged, ${lostAcked} missing`),
    check('each event stored once', db.duplicated === 0 && db.stored === emitted.length, `${db.stored} rows for ${emitted.length} events, ${db.duplicated} ids stored twice`),
    check('the terminals delivered the rest', result.pendingAfterDrain === 0 && db.missing.length === 0, `${result.pendingAfterDrain} still queued, ${db.missing.length} never stored`),
  ];
}
