/**
 * The machine a simulation runs: a process's draft compiled by the server's compiler, or a
 * published version as stored. Loaded machines are shared by hash (a thousand sessions of
 * one version hold one machine).
 */
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';
import type { Repositories } from '../app.js';
import { compileDraft, hasErrors, type CompileFlow } from '../compile.js';
import { HttpError } from '../errors.js';

const CACHE_SIZE = 64;

export class MachineCache {
  private readonly byHash = new Map<string, LoadedMachine>();

  load(hash: string, json: unknown): LoadedMachine {
    let machine = this.byHash.get(hash);
    if (machine) {
      // Most recently used last: the first key is the one to drop.
      this.byHash.delete(hash);
    } else {
      machine = loadMachine(json);
      if (this.byHash.size >= CACHE_SIZE) this.byHash.delete(this.byHash.keys().next().value!);
    }
    this.byHash.set(hash, machine);
    return machine;
  }
}

export interface SimulatedMachine {
  machine: LoadedMachine;
  versionHash: string;
}

export async function machineFor(repos: Repositories, compiler: () => CompileFlow, cache: MachineCache, processKey: string, version: 'draft' | number): Promise<SimulatedMachine> {
  if (version === 'draft') {
    const draft = await repos.processes.require(processKey);
    const compiled = await compileDraft(compiler(), repos, draft.graph);
    if (hasErrors(compiled) || !compiled.machine || typeof compiled.hash !== 'string') {
      const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
      throw new HttpError(422, 'draft_invalid', `the draft of ${processKey} does not compile: ${errors.map((d) => d.message).slice(0, 5).join('; ') || 'unknown error'}`, { diagnostics: compiled.diagnostics });
    }
    return { machine: cache.load(compiled.hash, compiled.machine), versionHash: compiled.hash };
  }
  const v = await repos.versions.get(processKey, version);
  return { machine: cache.load(v.hash, v.machine), versionHash: v.hash };
}
