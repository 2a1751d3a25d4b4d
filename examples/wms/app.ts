/**
 * The mock WMS as a Fastify app: routes with JSON Schemas, OpenAPI at /docs, errors as
 * `{ code, message }`. State lives in one WmsStore per app, so parallel test files never share it.
 */
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cors from '@fastify/cors';
import { WmsError, WmsStore } from './store.js';
import { referenceRoutes } from './routes/reference.js';
import { operatorRoutes } from './routes/operators.js';
import { pickingRoutes } from './routes/picking.js';
import { taskRoutes } from './routes/tasks.js';
import { testingRoutes, type FaultState } from './routes/testing.js';
import { idempotency, IdempotencyStore } from './idempotency.js';

export interface WmsAppOptions {
  /** Fastify logger (off by default: the mock runs inside tests and the dev server). */
  logger?: boolean;
  store?: WmsStore;
  /**
   * Mounts `/test/reset` and `/test/faults` (and the fault-injection hook). Off by default: a
   * mock reachable from the designer should not let any page wipe its state.
   */
  testRoutes?: boolean;
}

/**
 * The designer and simulator are served by the Voiceman server on some localhost port and call
 * the WMS from the browser, so JSON POSTs need a CORS preflight answer. Only loopback origins:
 * the mock holds no secrets, but there is no reason to let arbitrary sites drive it.
 */
export const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
/** The Android terminal's WebView loads its app from this origin (androidx.webkit WebViewAssetLoader). */
export const ANDROID_WEBVIEW_ORIGIN = 'https://appassets.androidplatform.net';

export type WmsApp = FastifyInstance & { wmsStore: WmsStore };

export function createWmsApp(options: WmsAppOptions = {}): WmsApp {
  const app = Fastify({
    logger: options.logger ?? false,
    // Strict like a real integration: wrong types and unknown fields are refused, not coerced.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  const store = options.store ?? new WmsStore();
  const faults: FaultState = { current: null };
  const replies = new IdempotencyStore();

  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Mock WMS',
        version: '1.0.0',
        description:
          'A small warehouse management system for Voiceman examples and tests: operators, locations with check digits, ' +
          'pick assignments, putaway, replenishment and cycle counts. All JSON; errors are `{ code, message }`.',
      },
      tags: [
        { name: 'operators' },
        { name: 'picking' },
        { name: 'putaway' },
        { name: 'replenishment' },
        { name: 'cycle count' },
        { name: 'reference' },
        ...(options.testRoutes ? [{ name: 'testing', description: 'Only on this mock, only when enabled: reset and fault injection.' }] : []),
        { name: 'system' },
      ],
    },
  });
  app.register(swaggerUi, { routePrefix: '/docs' });
  app.register(cors, { origin: [LOCAL_ORIGIN, ANDROID_WEBVIEW_ORIGIN], methods: ['GET', 'POST', 'DELETE'] });

  app.setErrorHandler((error: FastifyError | WmsError, request, reply) => {
    if (error instanceof WmsError) {
      return reply.status(error.status).send({ code: error.code, message: error.message });
    }
    if (error.validation) {
      return reply.status(400).send({ code: 'invalid_request', message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ code: 'bad_request', message: error.message });
    }
    request.log.error(error);
    return reply.status(500).send({ code: 'internal_error', message: 'The WMS failed to handle the request.' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${request.url}.` });
  });

  app.register(async (scope) => {
    idempotency(scope, replies);
    if (options.testRoutes) testingRoutes(scope, store, faults, () => replies.clear());
    referenceRoutes(scope, store);
    operatorRoutes(scope, store);
    pickingRoutes(scope, store);
    taskRoutes(scope, store);
  });

  return Object.assign(app, { wmsStore: store });
}
