import { buildApp } from './build.js';
import { parseRetentionMonths } from './retention.js';
import { seedExamples } from './seed.js';

interface ExamplesModule {
  exampleFlows?: () => unknown[];
  exampleReferenceTables?: () => Record<string, { key: string; value: string }[]>;
  startMockWms?: (o: { port: number }) => Promise<{ url: string; close: () => Promise<void> }>;
}

/** `@voiceman/examples` is optional at run time: absent or half-built, the server still starts. */
async function loadExamples(): Promise<ExamplesModule | undefined> {
  try {
    const name = '@voiceman/examples';
    return (await import(name)) as ExamplesModule;
  } catch {
    return undefined;
  }
}

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
let months: number | undefined;
try {
  months = parseRetentionMonths(env.VOICEMAN_RETENTION_MONTHS);
} catch (err) {
  console.error(`Voiceman did not start: ${(err as Error).message}`);
  process.exit(1);
}
const trustProxy = env.VOICEMAN_TRUST_PROXY;

const app = await buildApp({
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.DATA_DIR ?? './.data',
  logger: env.VOICEMAN_LOG === 'on',
  retention: months ? { months, intervalMs: 6 * 3600_000 } : undefined,
  // `true` trusts any proxy; otherwise a comma-separated list of proxy addresses/CIDRs.
  trustProxy: !trustProxy || trustProxy === 'off' ? false : trustProxy === 'true' || trustProxy === 'on' ? true : trustProxy,
  login: env.VOICEMAN_LOGIN_PER_IP_PER_MINUTE ? { loginPerIpPerMinute: Number(env.VOICEMAN_LOGIN_PER_IP_PER_MINUTE) } : undefined,
  tokenPolicy: {
    lifetimeDays: Number(env.VOICEMAN_TERMINAL_TOKEN_DAYS ?? 365),
    graceSeconds: Number(env.VOICEMAN_TERMINAL_TOKEN_GRACE_MINUTES ?? 15) * 60,
  },
  nightly: { at: env.VOICEMAN_NIGHTLY_AT ?? '02:00' },
  simulations: {
    idleMs: env.VOICEMAN_SIM_IDLE_MINUTES ? Number(env.VOICEMAN_SIM_IDLE_MINUTES) * 60_000 : undefined,
    perUser: env.VOICEMAN_SIM_PER_USER ? Number(env.VOICEMAN_SIM_PER_USER) : undefined,
    suspendAfterMs: env.VOICEMAN_SIM_SUSPEND_SECONDS ? Number(env.VOICEMAN_SIM_SUSPEND_SECONDS) * 1000 : undefined,
  },
}).catch((err: Error) => {
  // One readable line for an operator (a data directory in use, a database that is down), not a stack trace.
  console.error(`Voiceman did not start: ${err.message}`);
  process.exit(1);
});

const closers: (() => Promise<void>)[] = [];
let wmsUrl: string | undefined;
if (env.VOICEMAN_EXAMPLES !== 'off') {
  const examples = await loadExamples();
  if (examples?.startMockWms) {
    try {
      const wms = await examples.startMockWms({ port: Number(env.WMS_PORT ?? 4010) });
      closers.push(wms.close);
      wmsUrl = wms.url.replace(/\/$/, '');
    } catch (err) {
      console.error(`mock WMS did not start: ${(err as Error).message}`);
    }
  }
  if (examples?.exampleFlows) {
    try {
      const seeded = await seedExamples(app.repos, app.compiler(), examples.exampleFlows(), {
        referenceTables: examples.exampleReferenceTables?.(),
        // The development environment's `wmsUrl` setting points at the mock WMS this server started.
        wmsUrl,
      });
      for (const s of seeded.skipped) console.error(`example ${s.key} not published: ${s.reason}`);
    } catch (err) {
      console.error(`examples not seeded: ${(err as Error).message}`);
    }
  }
}

await app.listen({ port, host });
// The port actually bound (PORT=0 asks the OS for a free one).
const bound = (app.server.address() as { port: number } | null)?.port ?? port;
console.log(`Voiceman is running at http://${host.includes(':') ? `[${host}]` : host}:${bound}/`);
// The first line is the one URL to open; details follow.
if (app.initialAdminPassword) console.log(`First start: log in as admin with the one-time password ${app.initialAdminPassword} (change it after logging in)`);
if (wmsUrl) console.log(`Mock WMS at ${wmsUrl}`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await app.close();
  for (const close of closers) await close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
