import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** The Android shell's WebView loads the terminal app from this origin (androidx.webkit WebViewAssetLoader). */
export const ANDROID_WEBVIEW_ORIGIN = 'https://appassets.androidplatform.net';

/**
 * CORS for the terminal API only (`/api/terminal/v1/`): the Android shell's page calls the
 * server from its own origin with a bearer token (no cookies, so no credentials mode). Browser
 * routes stay same-origin: their cookie must never be usable from another site.
 */
export async function terminalCors(app: FastifyInstance, opts: { origins: readonly string[] }) {
  const allowed = new Set(opts.origins);
  await app.register(cors, {
    delegator: (req, callback) => {
      const terminalApi = (req.url ?? '').startsWith('/api/terminal/v1/');
      callback(null, terminalApi
        ? { origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)), methods: ['GET', 'POST', 'PUT'], allowedHeaders: ['authorization', 'content-type', 'if-none-match'], exposedHeaders: ['etag', 'x-sha256', 'x-release-version'], maxAge: 600 }
        : { origin: false });
    },
  });
}
