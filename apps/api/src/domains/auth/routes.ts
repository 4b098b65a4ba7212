import { authenticateBodySchema, authenticateResponseSchema, userMeSchema } from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { CSRF_COOKIE, SESSION_COOKIE } from '../../plugins/auth.ts'
import { getCurrentUser } from '../users/service.ts'
import { authenticate, logout } from './service.ts'

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/auth/authenticate',
    {
      config: {
        public: true,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in: answers a JWT for the Authorization header and sets the browser session cookie',
        body: authenticateBodySchema,
        response: { 200: authenticateResponseSchema },
      },
    },
    async (request, reply) => {
      const session = await authenticate(deps, { ...request.body, requestId: request.id })
      const secure = deps.config.cookieSecure ?? request.protocol === 'https'
      const common = { path: '/', sameSite: 'strict' as const, secure, expires: session.expiresAt }
      reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true })
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false })
      return { Authorization: session.token, isMfa: false }
    },
  )

  app.post(
    '/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(deps, request.ctx)
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/v1/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'The current user, their roles and the scopes they can switch to',
        response: { 200: userMeSchema },
      },
    },
    async (request) => getCurrentUser(deps, request.ctx),
  )
}
