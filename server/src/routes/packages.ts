import type { FastifyInstance } from 'fastify';
import { PackageError, parsePackage, verifyPackage, type PackageFile, type Signer } from '@voiceman/compiler/package';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errors, name, positiveInt, processKey } from '../schemas.js';
import { buildPackage } from '../packages/export.js';
import { applyPackage, dryRun } from '../packages/import-repository.js';
import { importPlanSchema as plan, installationSchema as installation, trustedKeySchema as trustedKey } from '../packages/schemas.js';

/** Largest package an import accepts (and an export produces). */
export const PACKAGE_BODY_LIMIT = 16 * 1024 * 1024;

const packageBody = { type: 'object', description: 'A package file as GET/POST /api/packages/export wrote it (docs/package-format.md); checked by the server, not by this schema, so a wrong one gets a message naming what is wrong.' } as const;

const STATUS: Record<PackageError['code'], number> = { invalid_package: 400, unsupported_format: 400, package_tampered: 422, package_unsigned: 422, package_untrusted: 422 };

export default async function packageRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { packageKeys } = app.repos;
  // "Generated on first start": the key pair exists before the first request.
  await packageKeys.ensure();

  /** Parses and verifies against this installation's setting and trusted keys. */
  async function verified(body: unknown): Promise<{ pkg: PackageFile; signer: Signer }> {
    try {
      const pkg = parsePackage(body);
      const [own, trusted] = await Promise.all([packageKeys.installation(), packageKeys.trusted()]);
      return { pkg, signer: verifyPackage(pkg, { trusted, ownKey: own.publicKey, requireSignature: own.requireSignature }) };
    } catch (err) {
      if (err instanceof PackageError) throw new HttpError(STATUS[err.code], err.code, err.message, err.item ? { item: err.item } : {});
      throw err;
    }
  }

  app.get('/api/packages/installation', {
    config: { access: 'admin' },
    schema: { tags: ['packages'], description: "This installation's id, public key (ed25519, base64url) and whether imports must be signed. The private key is never answered.", response: { 200: installation, ...errors } },
  }, async () => packageKeys.installation());

  app.put('/api/packages/installation', {
    config: { access: 'admin' },
    schema: {
      tags: ['packages'], description: 'Whether an import must be signed by this installation or a trusted key.',
      body: { type: 'object', required: ['requireSignature'], additionalProperties: false, properties: { requireSignature: { type: 'boolean' } } },
      response: { 200: installation, ...errors },
    },
  }, async (req) => {
    const before = await packageKeys.installation();
    const after = await packageKeys.setRequireSignature(req.body.requireSignature);
    await app.audit.record(req, { action: 'package.settings', target: 'signatures required', before: { requireSignature: before.requireSignature }, after: { requireSignature: after.requireSignature } });
    return after;
  });

  app.get('/api/packages/trusted-keys', {
    config: { access: 'admin' },
    schema: { tags: ['packages'], response: { 200: { type: 'array', items: trustedKey }, ...errors } },
  }, async () => packageKeys.trusted());

  app.post('/api/packages/trusted-keys', {
    config: { access: 'admin' },
    schema: {
      tags: ['packages'], description: "Trusts another installation's public key (as its GET /api/packages/installation shows it) under a name.",
      body: { type: 'object', required: ['name', 'publicKey'], additionalProperties: false, properties: { name, publicKey: { type: 'string', minLength: 1, maxLength: 100 } } },
      response: { 201: trustedKey, ...errors },
    },
  }, async (req, reply) => {
    const key = await packageKeys.trust(req.body.name, req.body.publicKey, currentUser(req).username);
    await app.audit.record(req, { action: 'package.trust', target: `key ${key.name} (${key.fingerprint})`, after: key });
    return reply.code(201).send(key);
  });

  app.delete('/api/packages/trusted-keys/:id', {
    config: { access: 'admin' },
    schema: { tags: ['packages'], params: { type: 'object', required: ['id'], properties: { id: positiveInt } }, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const key = await packageKeys.distrust(req.params.id);
    await app.audit.record(req, { action: 'package.distrust', target: `key ${key.name} (${key.fingerprint})`, before: key });
    return reply.code(204).send(null);
  });

  app.post('/api/packages/export', {
    config: { access: 'admin' },
    schema: {
      tags: ['packages'],
      description: 'The chosen versions, the versions of the subflows they inlined and the reference-table revisions they froze, as one package file (signed unless `sign: false`).',
      body: {
        type: 'object', required: ['versions'], additionalProperties: false,
        properties: {
          versions: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', required: ['processKey', 'number'], additionalProperties: false, properties: { processKey, number: positiveInt } } },
          sign: { type: 'boolean', default: true },
        },
        examples: [{ versions: [{ processKey: 'case-picking', number: 1 }] }],
      },
      response: { 200: { type: 'object', additionalProperties: true, description: 'the package file' }, ...errors },
    },
  }, async (req) => {
    const pkg = await buildPackage(app.db, app.repos, req.body.versions, req.body.sign !== false);
    if (JSON.stringify(pkg).length > PACKAGE_BODY_LIMIT) {
      throw new HttpError(413, 'package_too_large', `the package would be larger than the ${PACKAGE_BODY_LIMIT / 1024 / 1024} MiB an import accepts; choose fewer versions`);
    }
    const labels = pkg.manifest.items.map((i) => (i.kind === 'version' ? `${i.processKey}@${i.number}` : `${i.name} rev ${i.revision}`));
    await app.audit.record(req, { action: 'package.export', target: req.body.versions.map((v) => `${v.processKey}@${v.number}`).join(', '), after: { items: labels, signed: pkg.signature !== undefined } });
    return pkg as unknown as Record<string, unknown>;
  });

  app.post('/api/packages/dry-run', {
    config: { access: 'admin' },
    bodyLimit: PACKAGE_BODY_LIMIT,
    schema: {
      tags: ['packages'],
      description: 'Verifies a package (hashes, signature) and says what an import would do with each item (add, present, downgrade, clash); changes nothing.',
      body: { type: 'object', required: ['package'], additionalProperties: false, properties: { package: packageBody } },
      response: { 200: plan, ...errors },
    },
  }, async (req) => {
    const { pkg, signer: who } = await verified(req.body.package);
    return { applied: false, ...(await dryRun(app.db, pkg, who)) };
  });

  app.post('/api/packages/import', {
    config: { access: 'admin' },
    bodyLimit: PACKAGE_BODY_LIMIT,
    schema: {
      tags: ['packages'],
      description: 'Verifies and imports a package in one transaction: new versions keep their numbers and hashes, items already here are skipped. A clash (a number taken by another hash) is 409 `package_clash`; an item older than what is here is 409 `downgrade_unconfirmed` unless `confirmDowngrade: true`.',
      body: { type: 'object', required: ['package'], additionalProperties: false, properties: { package: packageBody, confirmDowngrade: { type: 'boolean' } } },
      response: { 200: plan, ...errors },
    },
  }, async (req) => {
    const { pkg, signer: who } = await verified(req.body.package);
    const by = currentUser(req).username;
    const done = await applyPackage(app.db, pkg, who, {
      confirmDowngrade: req.body.confirmDowngrade === true, by,
      within: (tx, p) => app.audit.record(req, {
        action: 'package.import',
        target: `package from ${pkg.manifest.installationId} of ${pkg.manifest.createdAt}`,
        after: { signer: p.signer, added: p.items.filter((i) => i.action === 'add' || i.action === 'downgrade').map((i) => i.label), present: p.counts.present, newProcesses: p.newProcesses },
      }, tx),
    });
    return { applied: true, ...done };
  });
}
