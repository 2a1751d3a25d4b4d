/**
 * The settings a dialog of a process gets at a site or in an environment: for simulators and
 * scenario runs. `resolveDialogSettings` is the server-side form (secret values included:
 * never send it to a browser); `browserView` is what the effective-settings routes answer.
 */
import type { Repositories } from '../app.js';
import { HttpError } from '../errors.js';
import { presentValue } from './changes.js';
import { deliver, processInputs, type Delivered, type EffectiveSetting, type ProcessInput } from './effective.js';

export interface DialogSettingsRequest {
  /** A site (its values over its environment's), or an environment alone. */
  siteId?: string;
  environment?: string;
  processKey?: string;
  /** Whose inputs: default the version deployed at the site, else the latest version, else the draft. */
  version?: 'draft' | number;
}

export interface ResolvedSettings {
  siteId: string | null;
  environment: string;
  settings: EffectiveSetting[];
  process?: {
    processKey: string;
    version: 'draft' | number;
    inputs: ProcessInput[];
    /** The dialog options: `input`, `settings`, `secrets` (secret values in clear). */
    delivered: Delivered;
    /** Inputs with no value here (a deployment would be refused). */
    missing: string[];
  };
}

async function processVariables(repos: Repositories, processKey: string, version: 'draft' | number | undefined, siteId: string | null) {
  if (version === 'draft') return { version, variables: graphVariables((await repos.processes.require(processKey)).graph) };
  if (typeof version === 'number') return { version, variables: graphVariables((await repos.versions.get(processKey, version)).graph) };
  if (siteId) {
    const deployed = (await repos.settings.deployedInputs([siteId])).find((d) => d.processKey === processKey);
    if (deployed) return { version: deployed.versionNumber, variables: deployed.variables };
  }
  const latest = await repos.versions.latest(processKey);
  if (latest) return { version: latest.number, variables: graphVariables(latest.graph) };
  const draft = await repos.processes.get(processKey);
  if (!draft) throw new HttpError(404, 'not_found', `process ${processKey} not found`);
  return { version: 'draft' as const, variables: graphVariables(draft.graph) };
}

const graphVariables = (graph: unknown) => (graph as { process?: { variables?: unknown } } | null)?.process?.variables;

export async function resolveDialogSettings(repos: Repositories, request: DialogSettingsRequest): Promise<ResolvedSettings> {
  let environment: string;
  let settings: EffectiveSetting[];
  const siteId = request.siteId ?? null;
  if (siteId) ({ environment, settings } = await repos.settings.effectiveForSite(siteId));
  else if (request.environment) {
    environment = request.environment;
    settings = await repos.settings.effectiveForEnvironment(environment);
  } else throw new HttpError(400, 'invalid_request', 'name a site or an environment');
  const resolved: ResolvedSettings = { siteId, environment, settings };
  if (request.processKey) {
    const { version, variables } = await processVariables(repos, request.processKey, request.version, siteId);
    const inputs = processInputs(variables);
    const { delivered, missing } = deliver(settings, inputs);
    resolved.process = { processKey: request.processKey, version, inputs, delivered, missing };
  }
  return resolved;
}

/** The same without a secret value: secrets show as `{ secret: true, set }`. */
export function browserView(r: ResolvedSettings) {
  const byName = new Map(r.settings.map((s) => [s.name, s]));
  return {
    siteId: r.siteId,
    environment: r.environment,
    settings: r.settings.map((s) => ({ name: s.name, type: s.type, description: s.description, secret: s.secret, value: presentValue(s), source: s.source })),
    ...(r.process
      ? {
          process: {
            processKey: r.process.processKey,
            version: r.process.version,
            inputs: r.process.inputs.map((i) => {
              const s = byName.get(i.name);
              return { ...i, secret: s?.secret ?? false, value: s ? presentValue(s) : null, source: s?.source ?? null, missing: !(i.name in r.process!.delivered.input) };
            }),
            runtime: r.process.delivered.settings,
            missing: r.process.missing,
          },
        }
      : {}),
  };
}
