/**
 * Terminal builds: admins upload and list them (browser scope), terminals download them
 * (terminal scope). Upload as JSON `{ kind, version, base64 }` or as the raw bytes
 * (`Content-Type: application/octet-stream`, `?kind=&version=`).
 */
import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { HttpError } from '../errors.js';
import { errors, PLAIN_TEXT } from '../schemas.js';
import { SHELL_KINDS, type ShellKind } from '../repositories/shell-releases.js';
import { downloadUrl } from './terminal-schemas.js';

/** Largest build accepted (an APK with its native speech libraries is tens of MiB). */
export const SHELL_RELEASE_MAX_BYTES = 96 * 1024 * 1024;

const release = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, kind: { type: 'string', enum: SHELL_KINDS }, version: { type: 'string' }, size: { type: 'integer' },
    sha256: { type: 'string' }, createdAt: { type: 'string' }, createdBy: { type: ['string', 'null'] }, url: { type: 'string' },
  },
} as const;
const kind = { type: 'string', enum: SHELL_KINDS } as const;
const version = { type: 'string', minLength: 1, maxLength: 100, pattern: PLAIN_TEXT } as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The JSON form of an upload (the raw form is the bytes, named by the query). */
const jsonUpload = { type: 'object', required: ['kind', 'version', 'base64'], additionalProperties: false, properties: { kind, version, base64: { type: 'string', minLength: 1 } } } as const;

export async function shellReleaseAdminRoutes(fastify: FastifyInstance, opts: { maxBytes?: number }) {
  const app = typed(fastify);
  const { shellReleases } = app.repos;
  const maxBytes = opts.maxBytes ?? SHELL_RELEASE_MAX_BYTES;
  // Only this plugin's routes take raw bytes.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/api/shell-releases', {
    config: { access: 'admin' },
    bodyLimit: Math.ceil(maxBytes / 3) * 4 + 1024,
    schema: {
      tags: ['admin'],
      description: `Uploads a terminal build (at most ${Math.round(maxBytes / 1024 / 1024)} MiB): JSON { kind, version, base64 }, or the raw bytes as application/octet-stream with ?kind=web|apk&version=. Versions are semver and immutable (409 on a repeat). The answer's sha256 is of the bytes.`,
      querystring: { type: 'object', additionalProperties: false, properties: { kind, version } },
      body: {
        content: {
          'application/json': {
            schema: jsonUpload,
          },
          'application/octet-stream': { schema: {} },
        },
      },
      response: { 201: release, ...errors },
    },
  }, async (req, reply) => {
    let kindOf: ShellKind, versionOf: string, bytes: Buffer;
    if (Buffer.isBuffer(req.body)) {
      if (!req.query.kind || !req.query.version) throw new HttpError(400, 'invalid_request', 'a raw upload names its kind and version in the query: ?kind=web|apk&version=1.2.3');
      [kindOf, versionOf, bytes] = [req.query.kind, req.query.version, req.body];
    } else {
      // A body per content type is beyond the type provider (it types `content` as unknown); fastify validated it against jsonUpload.
      const body = req.body as FromSchema<typeof jsonUpload>;
      if (!BASE64.test(body.base64) || body.base64.length % 4 !== 0) throw new HttpError(400, 'invalid_request', 'base64 is not valid base64 (standard alphabet, padded)');
      [kindOf, versionOf, bytes] = [body.kind, body.version, Buffer.from(body.base64, 'base64')];
    }
    // The route's body limit fits the base64 form; the bytes themselves are held to maxBytes.
    if (bytes.length > maxBytes) throw new HttpError(413, 'body_too_large', `the release is larger than ${maxBytes} bytes`);
    const created = await shellReleases.create(kindOf, versionOf, bytes, currentUser(req).id);
    return reply.code(201).send({ ...created, url: downloadUrl(created.id) });
  });

  app.get('/api/shell-releases', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: 'Every release, newest version first within each kind.', response: { 200: { type: 'array', items: release }, ...errors } },
  }, async () => (await shellReleases.list()).map((r) => ({ ...r, url: downloadUrl(r.id) })));
}

export async function shellReleaseTerminalRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { shellReleases } = app.repos;
  app.get('/api/terminal/v1/shell-releases/:id/download', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: 'The bytes of a release. Headers: x-sha256 (hex, as recorded at upload), x-release-version. The terminal installs only bytes whose sha256 equals the one it was offered.',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
      response: { 200: { type: 'string', format: 'binary', description: 'the build' }, ...errors },
    },
  }, async (req, reply) => {
    const { release: r, bytes } = await shellReleases.download(req.params.id);
    return reply
      .type(r.kind === 'apk' ? 'application/vnd.android.package-archive' : 'application/octet-stream')
      .header('x-sha256', r.sha256)
      .header('x-release-version', r.version)
      .header('etag', `"${r.sha256}"`)
      .header('content-disposition', `attachment; filename="voiceman-${r.kind}-${r.version}.${r.kind === 'apk' ? 'apk' : 'bin'}"`)
      .send(bytes);
  });
}
