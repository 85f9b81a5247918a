import type { App } from '../module.js';

export const OPENAPI_PATH = '/api/openapi.json';

/** Serves the OpenAPI 3.1 document of every registered route at /api/openapi.json. */
export function registerOpenApiRoute(app: App): void {
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return app.swagger();
  });
}
