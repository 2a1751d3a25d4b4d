/**
 * The rules cache: the machines deployed to this terminal's site, fetched with ETag, each
 * checked against its version hash before it is stored and again before it runs (a cache
 * tampered with on the device is refused), kept so the terminal starts without the server.
 */
import { loadMachine, type JsonValue, type LoadedMachine, type MachineJson, type SiteSettings } from '@voiceman/runtime';
import { HttpError, type ServerClient } from './client.js';
import { machineHash } from './hash.js';
import type { KeyValueStore } from './storage.js';

export interface DeployedProcess {
  processKey: string;
  versionNumber: number;
  hash: string;
  /** Process name from the machine. */
  name: string;
  /** Process keys this machine runs inside it (its subflows). */
  calls: string[];
  /** The site's settings for it (server: input values such as wmsUrl, runtime settings, secret input names). */
  input?: Record<string, JsonValue>;
  settings?: SiteSettings;
  secrets?: string[];
}

/** What a session of a deployed process starts with besides its machine. */
export type SiteOptions = Pick<DeployedProcess, 'input' | 'settings' | 'secrets'>;

export interface Site {
  id: string;
  name: string;
  environment: string;
}

export interface RulesIndex {
  etag: string | null;
  site: Site | null;
  processes: DeployedProcess[];
  fetchedAt: number | null;
}

export interface RefusedMachine {
  processKey: string;
  hash: string;
  reason: string;
}

export class MachineRefusedError extends Error {
  constructor(readonly processKey: string, readonly hash: string, reason: string) {
    super(`Process "${processKey}" version ${hash.slice(0, 12)} refused: ${reason}`);
    this.name = 'MachineRefusedError';
  }
}

const INDEX_KEY = 'rules:index';
const machineKey = (hash: string) => `machine:${hash}`;
const EMPTY: RulesIndex = { etag: null, site: null, processes: [], fetchedAt: null };

interface MachinesAnswer {
  site: Site;
  processes: ({ processKey: string; versionNumber: number; hash: string; machine: MachineJson } & SiteOptions)[];
}

export class RulesCache {
  private loaded = new Map<string, LoadedMachine>();

  /** `pinned`: versions that must stay cached whatever the site deploys (a stored session's). */
  constructor(private readonly kv: KeyValueStore, private readonly client: ServerClient, private readonly pinned: () => Promise<string[]> = async () => []) {}

  async index(): Promise<RulesIndex> {
    const text = await this.kv.get(INDEX_KEY);
    return text ? (JSON.parse(text) as RulesIndex) : { ...EMPTY };
  }

  /**
   * Asks the server (If-None-Match). Machines whose hash does not match are not stored; the
   * previous version of that process stays in use. Throws NetworkError when no server answers.
   * `keep`: hashes still needed (a session running on an older version). `operatorId`: the
   * operator signed on, so a staged rollout to a group of operators reaches them (the answer,
   * and its ETag, differ for an operator in such a group).
   */
  async refresh(keep: string[] = [], operatorId?: string | null): Promise<{ changed: boolean; refused: RefusedMachine[]; index: RulesIndex }> {
    const current = await this.index();
    const path = `/api/terminal/v1/machines${operatorId ? `?operatorId=${encodeURIComponent(operatorId)}` : ''}`;
    const res = await this.client.request('GET', path, current.etag ? { headers: { 'if-none-match': current.etag } } : {});
    if (res.status === 304) return { changed: false, refused: [], index: current };
    if (res.status !== 200) throw new HttpError(res.status, res.body);
    const answer = res.body as MachinesAnswer;
    const refused: RefusedMachine[] = [];
    const processes: DeployedProcess[] = [];
    for (const p of answer.processes) {
      const actual = machineHash(p.machine);
      if (actual !== p.hash) {
        refused.push({ processKey: p.processKey, hash: p.hash, reason: `content hash ${actual.slice(0, 12)} differs from the version hash` });
        const previous = current.processes.find((c) => c.processKey === p.processKey);
        if (previous) processes.push(previous);
        continue;
      }
      await this.kv.set(machineKey(p.hash), JSON.stringify(p.machine));
      processes.push({
        processKey: p.processKey, versionNumber: p.versionNumber, hash: p.hash, name: p.machine.meta?.vm?.name ?? p.processKey, calls: callees(p.machine),
        ...(p.input ? { input: p.input } : {}), ...(p.settings ? { settings: p.settings } : {}), ...(p.secrets ? { secrets: p.secrets } : {}),
      });
    }
    const index: RulesIndex = { etag: refused.length > 0 ? null : res.headers.get('etag'), site: answer.site, processes, fetchedAt: Date.now() };
    await this.kv.set(INDEX_KEY, JSON.stringify(index));
    // Drop machines nobody needs any more.
    const needed = new Set([...processes.map((p) => p.hash), ...keep, ...(await this.pinned())]);
    for (const key of await this.kv.keys('machine:')) {
      const hash = key.slice('machine:'.length);
      if (!needed.has(hash)) {
        await this.kv.remove(key);
        this.loaded.delete(hash);
      }
    }
    return { changed: true, refused, index };
  }

  /** The machine of this version from the cache, hash checked, loaded (validated) once. */
  async machine(processKey: string, hash: string): Promise<LoadedMachine> {
    const hit = this.loaded.get(hash);
    if (hit) return hit;
    const text = await this.kv.get(machineKey(hash));
    if (text === null) throw new MachineRefusedError(processKey, hash, 'not in the cache');
    let json: MachineJson;
    try {
      json = JSON.parse(text) as MachineJson;
    } catch {
      throw new MachineRefusedError(processKey, hash, 'the cached copy is not JSON');
    }
    const actual = machineHash(json);
    if (actual !== hash) throw new MachineRefusedError(processKey, hash, `the cached copy was changed (hash ${actual.slice(0, 12)})`);
    let loaded: LoadedMachine;
    try {
      loaded = loadMachine(json);
    } catch (error) {
      throw new MachineRefusedError(processKey, hash, (error as Error).message);
    }
    this.loaded.set(hash, loaded);
    return loaded;
  }
}

/** Process keys of the subflows inlined in a machine (its scopes other than main). */
export function callees(machine: MachineJson): string[] {
  const scopes = machine.meta?.vm?.scopes ?? {};
  const own = machine.meta?.vm?.processKey;
  return [...new Set(Object.values(scopes).map((s) => s.processKey).filter((k) => k !== own))];
}

/**
 * What the chooser offers: processes no other deployed process runs as a subflow (sign-on is
 * part of every work process), or every process when that would leave none.
 */
export function choosable(processes: DeployedProcess[]): DeployedProcess[] {
  const called = new Set(processes.flatMap((p) => p.calls));
  const work = processes.filter((p) => !called.has(p.processKey));
  return work.length > 0 ? work : processes;
}
