import type { FastifyInstance } from 'fastify';
import { schemas } from '../schemas.js';
import type { WmsStore } from '../store.js';

export function referenceRoutes(app: FastifyInstance, store: WmsStore): void {
  app.get('/health', { schema: schemas.health }, async () => ({ status: 'ok' }));

  app.get('/reason-codes', { schema: schemas.reasonCodes }, async () => ({ reasonCodes: store.reasonCodes }));

  app.get<{ Params: { skuId: string } }>('/skus/:skuId', { schema: schemas.sku }, async (request) => ({
    sku: store.sku(request.params.skuId),
  }));

  app.get<{ Params: { locationId: string } }>('/locations/:locationId', { schema: schemas.location }, async (request) => ({
    location: store.location(request.params.locationId),
    stock: store.stockAt(request.params.locationId),
  }));
}
