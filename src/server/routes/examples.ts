// The example profiles an engagement can start from.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { exampleSchema } from '../api-schemas.ts';
import type { Env } from '../app.ts';
import { listExamples } from '../examples.ts';
import type { RouteKit } from './access.ts';

export function registerExampleRoutes(app: OpenAPIHono<Env>, kit: RouteKit): void {
  const { security, json, errors } = kit;

  app.openapi(
    createRoute({ method: 'get', path: '/api/examples', security, responses: { 200: json(z.object({ examples: z.array(exampleSchema) }), 'The example profiles an engagement can start from'), 401: errors[401] } }),
    (c) => c.json({ examples: listExamples().map(({ value: _value, ...example }) => example) }, 200),
  );
}
