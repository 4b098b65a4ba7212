import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { apiKeyRoutes } from './domains/api-keys/routes.ts'
import { auditRoutes } from './domains/audits/routes.ts'
import { authRoutes } from './domains/auth/routes.ts'
import { cloudAccountRoutes } from './domains/cloud-accounts/routes.ts'
import { clusterPoolRoutes } from './domains/clusters/pool-routes.ts'
import { clusterRoutes } from './domains/clusters/routes.ts'
import { gatewayAgentRoutes } from './domains/gateways/agent-routes.ts'
import { gatewayRoutes } from './domains/gateways/routes.ts'
import { healthRoutes } from './domains/health/routes.ts'
import { inventoryRoutes } from './domains/inventory/routes.ts'
import { ipPoolRoutes } from './domains/ip-pools/routes.ts'
import { packRoutes } from './domains/packs/routes.ts'
import { profileRoutes } from './domains/profiles/routes.ts'
import { projectRoutes } from './domains/projects/routes.ts'
import { sandboxRoutes } from './domains/sandbox/routes.ts'
import { sshKeyRoutes } from './domains/ssh-keys/routes.ts'
import { userRoutes } from './domains/users/routes.ts'
import type { Deps } from './lib/deps.ts'
import { authPlugin } from './plugins/auth.ts'
import { errorsPlugin } from './plugins/errors.ts'
import { openapiPlugin } from './plugins/openapi.ts'
import { webPlugin } from './plugins/web.ts'

/** Log redaction: credentials in headers never reach a log line. Bodies are never logged. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.apikey',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
}

/**
 * One log line per request, when it completes, with what an operator needs (the request id is on every
 * line of the request): Fastify's default writes two, and the list hot path pays for each.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    }
    if (error) request.log.error({ ...line, err: error }, 'request errored')
    else request.log.info(line, 'request completed')
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

export async function buildApp(deps: Deps, options: { logger?: FastifyServerOptions['logger'] } = {}) {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, redact: { paths: redactPaths, censor: '[REDACTED]' } },
    // A caller-supplied X-Request-Id is kept when it is harmless, so traces join up across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers({ 'x-request-id': request.id, ...SECURITY_HEADERS })
    done(null, payload)
  })

  await app.register(errorsPlugin)
  await app.register(cookie)
  await app.register(rateLimit, { global: false })
  await app.register(openapiPlugin)
  await app.register(authPlugin, { deps })
  const domains = [
    healthRoutes,
    authRoutes,
    projectRoutes,
    userRoutes,
    apiKeyRoutes,
    auditRoutes,
    sandboxRoutes,
    cloudAccountRoutes,
    inventoryRoutes,
    sshKeyRoutes,
    packRoutes,
    profileRoutes,
    clusterRoutes,
    clusterPoolRoutes,
    gatewayRoutes,
    gatewayAgentRoutes,
    ipPoolRoutes,
  ]
  for (const routes of domains) {
    await app.register(routes, { deps })
  }
  const distDir = deps.config.webDistDir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist')
  await app.register(webPlugin, { distDir })
  return app
}
