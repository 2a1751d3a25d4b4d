/**
 * What the ingest's secret redaction costs: 500 typical events redacted with a site's two
 * secret patterns (nothing matching, as with a runtime that already redacted) against the
 * ingest's own per-event check (`checkEvent`) of the same batch, in interleaved rounds (CPU time).
 * `npx tsx server/bench/redact-ingest.ts`
 */
import { randomUUID } from 'node:crypto';
import { redactWith, secretPatterns } from '@voiceman/runtime';
import { checkEvent } from '../src/repositories/validate-event.js';

const events = Array.from({ length: 500 }, (_, i) => ({
  id: randomUUID(), sessionId: 's-1', seq: i, ts: Date.now(), terminalId: 't', operatorId: '427', processKey: 'case-picking', versionHash: 'h'.repeat(64),
  type: i % 3 === 0 ? 'wms.request' : 'prompt', state: 'slot',
  data: i % 3 === 0 ? { method: 'POST', url: 'http://wms.example:4010/picks/17/confirm?key=***', attempt: 1, body: { qty: 4, reason: 'DMG', items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-2', qty: 2 }] } } : { text: 'Aisle 12. Slot 4 A. Pick 4.', language: 'en', reason: 'prompt' },
}));
const patterns = secretPatterns(['key-A-7f3c9e21b5', 'Basic dXNlcjpwYXNzd29yZA==']);

const cpu = (fn: () => void) => {
  const start = process.cpuUsage();
  for (let r = 0; r < 20; r++) fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
const ours = () => { for (const e of events) redactWith(e.data as never, patterns); };
const baseline = () => { for (const e of events) checkEvent(e, 't'); };
for (let i = 0; i < 5; i++) { ours(); baseline(); }
const ratios: number[] = [];
for (let round = 0; round < 15; round++) ratios.push(cpu(ours) / cpu(baseline));
ratios.sort((a, b) => a - b);
console.log(`redaction / checkEvent per batch of 500 (CPU, median of 15 rounds): ${ratios[7]!.toFixed(2)}x`);
