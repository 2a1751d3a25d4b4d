/**
 * What keeping the asks for "back up" costs a dialog: the same picking dialog (runtime test
 * fixture, scripted host, virtual clock) with the back-up history as shipped and with it switched
 * off, in interleaved rounds; prints the median ratio. Run: npx tsx runtime/bench/back-up-cost.ts
 */
import { createDialog, createScriptedHost, loadMachine, runUntilDone } from '../src/index.js';
import { BackUpHistory } from '../src/back-up.js';
import { pickMachine } from '../test/fixtures.js';
const answers = ['banana', 'four two seven', 'no', 'four two seven', 'yes', 'one one', 'five seven', null, 'three'];
const machine = loadMachine(pickMachine);
const enter = BackUpHistory.prototype.enter, rec = BackUpHistory.prototype.recordJson;
async function round(n: number) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const h = createScriptedHost({ listen: answers, responses: () => ({ status: 200, body: { aisle: 12, slot: '4 A/b', qty: 3, checkDigits: '57' } }) });
    await runUntilDone(createDialog(machine, h, { sessionId: `m${i}`, terminalId: 'T', versionHash: 'v' }), h);
  }
  return performance.now() - t0;
}
const ratios: number[] = [];
await round(100);
for (let r = 0; r < 25; r++) {
  BackUpHistory.prototype.enter = enter; BackUpHistory.prototype.recordJson = rec;
  const on = await round(100);
  BackUpHistory.prototype.enter = function () {}; BackUpHistory.prototype.recordJson = function () { return ''; };
  const off = await round(100);
  ratios.push(on / off);
}
ratios.sort((a, b) => a - b);
console.log(`with back-up history / without, 100 dialogs per round, 25 interleaved rounds: median ratio ${ratios[12]!.toFixed(3)} (min ${ratios[0]!.toFixed(3)}, max ${ratios[24]!.toFixed(3)})`);
