/**
 * The server SIGKILLed mid-ingest 20 times while terminals keep posting; it is started again
 * each time on the same port. Afterwards the database holds every acknowledged event exactly
 * once, and the terminals deliver the rest once the server is back.
 */
import type { Cluster } from '../infra/postgres.js';
import { sleep } from '../infra/ports.js';
import { startStack } from '../infra/stack.js';
import { check, type ScenarioResult } from './checks.js';
import { deliveryChecks } from './delivery.js';
import { startFaultFleet } from './fault-fleet.js';

export async function serverKill(cluster: Cluster, kills = 20): Promise<ScenarioResult> {
  const start = Date.now();
  const stack = await startStack(cluster, 'faults_kill', 30);
  const fleet = await startFaultFleet(stack);
  try {
    await sleep(2000);
    const restartMs: number[] = [];
    for (let k = 0; k < kills; k++) {
      await sleep(300 + Math.random() * 900);
      await stack.server.kill('SIGKILL');
      const t = Date.now();
      // Seeded already: without the examples module the restart is what production does.
      await stack.server.start({ VOICEMAN_EXAMPLES: 'off' });
      restartMs.push(Date.now() - t);
      // Progress for a CI log: restarts are what grows on a starved machine.
      if ((k + 1) % 5 === 0) console.log(`faults: kill ${k + 1}/${kills}, last restart ${restartMs[k]} ms`);
    }
    await sleep(2000);
    const result = await fleet.stop(60_000);
    const cut = result.samples.filter((s) => s[2] === 1).length;
    const refused = result.samples.filter((s) => s[2] === 0).length;
    const non200 = result.samples.filter((s) => s[2] > 1 && s[2] !== 200).length;
    return {
      name: `server SIGKILLed ${kills} times mid-ingest (30 terminals posting every 250 ms)`,
      checks: [
        check('kills hit requests in flight', cut > 0, `${cut} POSTs cut mid-request by a kill, ${refused} refused while the server was down`),
        ...(await deliveryChecks(stack.databaseUrl, result)),
      ],
      figures: {
        kills, events: result.emitted, posts: result.samples.length, cutMidRequest: cut, refused, non200,
        restartMsMedian: restartMs.sort((a, b) => a - b)[Math.floor(restartMs.length / 2)],
      },
      seconds: (Date.now() - start) / 1000,
    };
  } finally {
    fleet.kill();
    await stack.server.kill();
  }
}
