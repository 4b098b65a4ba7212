import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/** OpenAPI 3 generated from the routes' zod schemas: JSON at /v1/openapi.json, browsable at /v1/docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cluster Console API',
        version: '1.0.0',
        description:
          'A Palette-compatible v1 subset. Authenticate with POST /v1/auth/authenticate and send the answer in the ' +
          '`Authorization` header, or send an `ApiKey` header. `ProjectUid` selects a project scope. ' +
          'Errors answer `{code, message, details?, ref}`.',
      },
      components: {
        securitySchemes: {
          jwt: { type: 'apiKey', in: 'header', name: 'Authorization' },
          apiKey: { type: 'apiKey', in: 'header', name: 'ApiKey' },
          projectScope: { type: 'apiKey', in: 'header', name: 'ProjectUid' },
        },
      },
      security: [{ jwt: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/v1/docs', uiConfig: { docExpansion: 'list' } })
  app.get('/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
})
