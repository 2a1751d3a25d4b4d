/**
 * @voiceman/ops: operations checks, each a script with its own entry.
 *
 *   load.ts    `npm run load`   N simulated terminals against one server process + PostgreSQL
 *   faults.ts  `npm run faults` server SIGKILLs, a PostgreSQL crash, a terminal offline a shift
 *   ha.ts      `npm run ha`     main + standby: Patroni (synchronous), etcd, HAProxy, two servers
 *
 * fleet/     simulated terminals: the real runtime, a simulated operator, the terminal link
 *            (queue + batch sender + rules by ETag: the one module to swap for the terminal's
 *            own), generator processes and their IPC protocol, figures from POST samples
 * infra/     processes we start: PostgreSQL clusters, server processes, /proc CPU and memory
 * ha/        etcd, Patroni, HAProxy
 * scenarios/ the fault scenarios and their checks
 */
export { startFleet, type Fleet } from './fleet/fleet.js';
export { createTerminalLink, type TerminalLink, type PostSample } from './fleet/terminal-link.js';
export { startCluster, type Cluster } from './infra/postgres.js';
export { serverProcess, registerTerminals, type ServerProcess } from './infra/server.js';
