/**
 * `voiceman package export|import|verify` (docs/package-format.md). `export` and `import` talk to
 * a server (package-server.ts); `verify` works offline on a file with the public keys given.
 * Exit 0 done, 1 refused (by the server or the verification), 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError, type CliIo } from '@voiceman/compiler/cli';
import { itemLabel, PackageError, parsePackage, verifyPackage, type TrustedKey } from '@voiceman/compiler/package';
import { openSession, ServerError, type ServerOptions } from './package-server.js';

export const PACKAGE_USAGE = `  voiceman package export <process@version>... -o <file> [--unsigned]      (server)
  voiceman package import <file> [--dry-run] [--confirm-downgrade]          (server)
  voiceman package verify <file> [--trust <name=publicKey>]... [--allow-unsigned]  (offline)
    server: --server <url> (or VOICEMAN_SERVER); --token <session token> (or VOICEMAN_TOKEN),
            or VOICEMAN_USERNAME and VOICEMAN_PASSWORD`;

interface PlanItem { label: string; action: string; message?: string }
interface Plan { applied: boolean; signer: { status: string; name?: string; fingerprint?: string }; items: PlanItem[]; newProcesses: string[]; counts: Record<string, number> }

interface Args {
  positional: string[];
  flags: Set<string>;
  out?: string;
  server?: string;
  token?: string;
  trust: string[];
}

function parseArgs(args: string[]): Args {
  const a: Args = { positional: [], flags: new Set(), trust: [] };
  const value = (i: number, arg: string) => {
    const v = args[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--out') a.out = value(++i, arg);
    else if (arg === '--server') a.server = value(++i, arg);
    else if (arg === '--token') a.token = value(++i, arg);
    else if (arg === '--trust') a.trust.push(value(++i, arg));
    else if (['--unsigned', '--dry-run', '--confirm-downgrade', '--allow-unsigned'].includes(arg)) a.flags.add(arg);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else a.positional.push(arg);
  }
  return a;
}

function serverOptions(a: Args, env: NodeJS.ProcessEnv): ServerOptions {
  const url = a.server ?? env.VOICEMAN_SERVER;
  if (!url) throw new UsageError('give the server: --server <url> or VOICEMAN_SERVER');
  return { url, token: a.token ?? env.VOICEMAN_TOKEN, username: env.VOICEMAN_USERNAME, password: env.VOICEMAN_PASSWORD };
}

function readPackageFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PackageError('invalid_package', `${path} is not JSON: ${(err as Error).message}`);
  }
}

const signerLine = (s: Plan['signer']) =>
  s.status === 'unsigned' ? 'unsigned' : `signed by ${s.name ?? 'an unknown key'} (${s.status}, key ${s.fingerprint})`;

function printPlan(plan: Plan, io: CliIo): void {
  io.out(`${signerLine(plan.signer)}\n`);
  for (const item of plan.items) io.out(`  ${item.action.padEnd(9)} ${item.label}${item.message ? `: ${item.message}` : ''}\n`);
  if (plan.newProcesses.length > 0) io.out(`  new processes: ${plan.newProcesses.join(', ')}\n`);
  const c = plan.counts;
  io.out(`${plan.applied ? 'imported' : 'would import'}: ${(c.add ?? 0) + (plan.applied ? (c.downgrade ?? 0) : 0)} new, ${c.present ?? 0} already there, ${c.downgrade ?? 0} older than here, ${c.clash ?? 0} clashing\n`);
}

async function exportCommand(a: Args, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  if (a.positional.length === 0) throw new UsageError('name the versions to export: <process@version>...');
  if (!a.out) throw new UsageError('give the output file: -o <file>');
  const versions = a.positional.map((ref) => {
    const m = /^([a-z][a-z0-9_-]*)@([1-9][0-9]*)$/.exec(ref);
    if (!m) throw new UsageError(`${ref} is not <process@version> (e.g. case-picking@3)`);
    return { processKey: m[1]!, number: Number(m[2]) };
  });
  const session = await openSession(serverOptions(a, env));
  try {
    const pkg = await session.call<{ manifest: { items: Parameters<typeof itemLabel>[0][] }; signature?: unknown }>('POST', '/api/packages/export', { versions, sign: !a.flags.has('--unsigned') });
    writeFileSync(a.out, `${JSON.stringify(pkg)}\n`);
    for (const item of pkg.manifest.items) io.out(`  ${itemLabel(item)}\n`);
    io.out(`wrote ${a.out}: ${pkg.manifest.items.length} items, ${pkg.signature ? 'signed' : 'unsigned'}\n`);
    return 0;
  } finally {
    await session.close();
  }
}

async function importCommand(a: Args, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...extra] = a.positional;
  if (!file || extra.length > 0) throw new UsageError('give one package file');
  const pkg = readPackageFile(file);
  const session = await openSession(serverOptions(a, env));
  try {
    if (a.flags.has('--dry-run')) {
      printPlan(await session.call<Plan>('POST', '/api/packages/dry-run', { package: pkg }), io);
      return 0;
    }
    const done = await session.call<Plan>('POST', '/api/packages/import', { package: pkg, confirmDowngrade: a.flags.has('--confirm-downgrade') });
    printPlan(done, io);
    return 0;
  } finally {
    await session.close();
  }
}

/** `--trust name=key` or a bare key (named by its position). */
function trustedKeys(list: string[]): TrustedKey[] {
  return list.map((t, i) => {
    const eq = t.indexOf('=');
    return eq > 0 ? { name: t.slice(0, eq), publicKey: t.slice(eq + 1) } : { name: `key ${i + 1}`, publicKey: t };
  });
}

function verifyCommand(a: Args, io: CliIo): number {
  const [file, ...extra] = a.positional;
  if (!file || extra.length > 0) throw new UsageError('give one package file');
  const pkg = parsePackage(readPackageFile(file));
  const signer = verifyPackage(pkg, { trusted: trustedKeys(a.trust), requireSignature: !a.flags.has('--allow-unsigned') });
  for (const item of pkg.manifest.items) io.out(`  ok ${itemLabel(item)}\n`);
  io.out(`${file}: ${pkg.items.length} items verified, ${signer.status === 'unsigned' ? 'unsigned' : `signed by ${signer.name ?? 'an unknown key'} (key ${signer.fingerprint})`}\n`);
  return 0;
}

export async function runPackageCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const a = parseArgs(rest);
    if (sub === 'export') return await exportCommand(a, io, env);
    if (sub === 'import') return await importCommand(a, io, env);
    if (sub === 'verify') return verifyCommand(a, io);
    throw new UsageError(`unknown package command ${sub ?? '(none)'}; use export, import or verify`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`voiceman package: ${err.message}\nusage:\n${PACKAGE_USAGE}\n`);
      return 2;
    }
    if (err instanceof PackageError) {
      io.err(`refused (${err.code}): ${err.message}\n`);
      return 1;
    }
    if (err instanceof ServerError) {
      io.err(`refused by the server (${err.code}): ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
