/** Size and time of one package of the five example processes: export from A, import into B, import again (PGlite in memory, in-process inject). */
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { buildApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
const opts = { dataDir: 'memory', adminPassword: 'measure-password-1', designerDist: '/nonexistent' } as const;
// One after the other: two fresh PGlite migrations at once can pass Fastify's 10 s plugin timeout on a loaded machine.
const a = await buildApp(opts);
const b = await buildApp(opts);
await seedExamples(a.repos, a.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
const login = async (app: typeof a) => `vm_session=${(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'measure-password-1' } })).cookies.find((c) => c.name === 'vm_session')!.value}`;
const [ca, cb] = [await login(a), await login(b)];
const key = (await a.inject({ method: 'GET', url: '/api/packages/installation', headers: { cookie: ca } })).json().publicKey;
await b.inject({ method: 'POST', url: '/api/packages/trusted-keys', headers: { cookie: cb }, payload: { name: 'a', publicKey: key } });
const versions = ['case-picking', 'putaway', 'cycle-count', 'replenishment', 'sign-on'].map((processKey) => ({ processKey, number: 1 }));
let t = performance.now();
const exp = await a.inject({ method: 'POST', url: '/api/packages/export', headers: { cookie: ca }, payload: { versions } });
const exportMs = performance.now() - t;
t = performance.now();
const imp = await b.inject({ method: 'POST', url: '/api/packages/import', headers: { cookie: cb, 'content-type': 'application/json' }, payload: `{"package":${exp.body}}` });
const importMs = performance.now() - t;
t = performance.now();
const again = await b.inject({ method: 'POST', url: '/api/packages/import', headers: { cookie: cb, 'content-type': 'application/json' }, payload: `{"package":${exp.body}}` });
const againMs = performance.now() - t;
console.log(JSON.stringify({ items: exp.json().manifest.items.length, bytes: exp.body.length, exportMs: Math.round(exportMs), importStatus: imp.statusCode, importMs: Math.round(importMs), secondImport: again.json().counts, secondMs: Math.round(againMs) }));
await Promise.all([a.close(), b.close()]);
