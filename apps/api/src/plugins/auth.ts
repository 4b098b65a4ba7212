import { type Permission, permissionsInScope } from '@console/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { resolveApiKey, resolveSessionToken } from '../domains/auth/service.ts'
import type { Actor, RequestContext } from '../lib/context.ts'
import type { Deps } from '../lib/deps.ts'
import { AppError } from '../lib/errors.ts'
import { sha256 } from '../lib/secrets.ts'

export const SESSION_COOKIE = 'console_session'
export const CSRF_COOKIE = 'csrf_token'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anyone (login, the OpenAPI document). Every other /v1 route needs an authenticated caller. */
    public?: boolean
    /** The permission this route needs in the request's scope; absent = any authenticated caller. */
    permission?: Permission
  }
  interface FastifyRequest {
    /** Set for every non-public route by the authorization layer. */
    ctx: RequestContext
  }
}

async function authenticateRequest(deps: Deps, request: FastifyRequest): Promise<Actor> {
  const apiKey = request.headers.apikey
  if (typeof apiKey === 'string' && apiKey) return resolveApiKey(deps, apiKey)
  const header = request.headers.authorization
  if (typeof header === 'string' && header) {
    return (await resolveSessionToken(deps, header.replace(/^Bearer\s+/i, ''))).actor
  }
  const cookie = request.cookies[SESSION_COOKIE]
  if (cookie) {
    const { actor, csrfHash } = await resolveSessionToken(deps, cookie)
    // Cookies ride along on cross-site requests; a header only our own page can set proves the origin.
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token']
      if (typeof sent !== 'string' || sha256(sent) !== csrfHash) {
        throw new AppError('CsrfTokenInvalid', 'Missing or invalid X-CSRF-Token header')
      }
    }
    return actor
  }
  throw new AppError('Unauthorized', 'Authentication required: log in, or send an Authorization or ApiKey header.')
}

/**
 * The one authorization layer: authenticates every non-public route, resolves the `ProjectUid` scope,
 * and checks the route's declared permission against the caller's roles in that scope.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: Deps }) => {
  const { deps } = opts
  app.decorateRequest('ctx', null as unknown as RequestContext)
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config
    const url = request.routeOptions.url
    // Only the /v1 API is guarded; the SPA's static files and the API docs are public.
    if (!url?.startsWith('/v1/') || url.startsWith('/v1/docs') || config.public) return
    const actor = await authenticateRequest(deps, request)
    const scopeHeader = request.headers.projectuid
    // EventSource cannot send headers: a GET may name its scope with `?projectUid=` instead (the header wins).
    const scopeQuery =
      request.method === 'GET' ? (request.query as { projectUid?: unknown } | undefined)?.projectUid : undefined
    const scope = typeof scopeHeader === 'string' && scopeHeader ? scopeHeader : scopeQuery
    const projectUid = typeof scope === 'string' && scope ? scope : undefined
    if (projectUid) {
      let exists = deps.authCache.hasProject(actor.tenantId, projectUid)
      if (exists === undefined) {
        exists =
          /^[0-9a-f-]{36}$/i.test(projectUid) &&
          (await deps.prisma.project.count({ where: { id: projectUid, tenantId: actor.tenantId } })) > 0
        deps.authCache.setProject(actor.tenantId, projectUid, exists)
      }
      if (!exists) throw new AppError('ProjectNotFound', `Project ${projectUid} not found`)
      const member = actor.bindings.some((b) => b.role === 'Tenant Admin' || b.projectId === projectUid)
      if (!member) throw new AppError('Forbidden', 'You have no role in this project.')
    }
    const permissions = permissionsInScope(
      actor.bindings.map((b) => ({ role: b.role, projectUid: b.projectId })),
      projectUid,
    )
    request.ctx = { actor, projectUid, permissions, requestId: request.id }
    if (config.permission && !permissions.has(config.permission)) {
      throw new AppError(
        'Forbidden',
        projectUid
          ? `Your role in this project does not allow this (${config.permission}).`
          : `Your role does not allow this in tenant scope (${config.permission}).`,
      )
    }
  })
})
