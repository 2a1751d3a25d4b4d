/**
 * The terminal's core, framework-free (no DOM beyond fetch/timers, which Node has too): the
 * load generator and the unit tests use it directly. Start reading at `terminal.ts` (the whole
 * terminal) or `session.ts` (one operator's dialog).
 */
export * from './storage.js';
export { EventQueue } from './queue.js';
export { EventSender, backoffDelay, MAX_SERVER_BATCH, type SenderOptions, type SenderStatus } from './sender.js';
export { ServerClient, NetworkError, HttpError, type ServerClientOptions } from './client.js';
export { RulesCache, MachineRefusedError, choosable, callees, type DeployedProcess, type RulesIndex, type Site, type RefusedMachine } from './rules.js';
export { createTerminalHost, randomUUID, type Speech, type TerminalHost, type TerminalHostOptions } from './host.js';
export { SessionDriver, CURRENT_SESSION_KEY, type SessionRecord, type SessionDriverOptions } from './session.js';
export { grammarFor } from './grammar.js';
export { machineHash } from './hash.js';
export { Terminal, type TerminalView, type TerminalOptions, type OperatorSettings } from './terminal.js';
export { parseServers, readConfig, CONFIG_KEY, type TerminalConfig } from './config.js';
export { heartbeatBody, type HeartbeatBody, type HeartbeatAnswer } from './heartbeat.js';
export type * from '../bridge/contract.js';
