// One dialog, run identically in Node (ESM), QuickJS and Chromium (IIFE). Plain JS on purpose:
// its source text is shipped as-is into the other engines. Returns a JSON string.
async function scenario(R, machine) {
  const loaded = R.loadMachine(machine);
  const host = R.createScriptedHost({
    listen: [
      null,
      'four two seven',
      'no',
      'four two seven',
      'yes',
      'repeat',
      { kind: 'speech', text: 'five seven', confidence: 0.2 },
      'help',
      'five seven',
      'twenty',
      'three',
    ],
    responses: [{ hang: true }, { status: 200, body: { aisle: 12, slot: '4A', qty: 3, checkDigits: '57' } }],
  });
  const dialog = R.createDialog(loaded, host, { sessionId: 'parity', terminalId: 'T-1', operatorId: 'op', versionHash: 'h1' });
  let finished = false;
  const done = dialog.done.then((r) => ((finished = true), r));
  await dialog.start();
  // Virtual time passes while the dialog waits on the host clock (the retry backoff). The
  // engines have no common timer API, so "idle" is a burst of microtask turns.
  for (let i = 0; i < 400 && !finished; i++) {
    for (let j = 0; j < 50; j++) await null;
    if (!finished) host.clock.advance(100);
  }
  const result = await done;
  let invalid = null;
  try {
    R.loadMachine({ id: 'x', initial: 'a', states: {} });
  } catch (e) {
    invalid = { name: e.name, issues: e.issues.length };
  }
  return JSON.stringify({ result, events: host.events, spoken: host.spoken, requests: host.requests, invalid, number: R.parseSpokenNumber('двадцать три', 'ru') });
}

export { scenario };
