/** Profiling helper: a server on a throw-away PostgreSQL with the examples seeded; prints its URL and a terminal token as JSON, stops on SIGINT. Run with `node --cpu-prof --import tsx`. */
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { buildApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { startTestPostgres } from '../src/testing/postgres.js';

const pgCluster = await startTestPostgres();
const app = await buildApp({ databaseUrl: await pgCluster.createDatabase('profile'), adminPassword: 'profile-password', designerDist: '/nonexistent' });
await seedExamples(app.repos, app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4999' });
const terminal = await app.repos.terminals.register('dev-lab', 'profile');
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(JSON.stringify({ url, token: terminal.token, terminalId: terminal.id }));
process.once('SIGINT', async () => {
  await app.close();
  await pgCluster.stop();
  process.exit(0);
});
