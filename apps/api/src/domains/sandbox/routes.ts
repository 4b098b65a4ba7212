import { sandboxSchema } from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'

/**
 * GET /v1/sandbox: the fake clouds' endpoints and their seeded (fake) credentials, so a Tenant Admin
 * can fill an account wizard in one click. Exists only in sandbox mode; 404 with real clouds.
 */
export const sandboxRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/sandbox',
    {
      config: { permission: 'sandbox.read' },
      schema: {
        tags: ['sandbox'],
        summary: 'The fake clouds of sandbox mode (Tenant Admin; 404 in real mode)',
        response: { 200: sandboxSchema },
      },
    },
    async () => {
      if (!deps.sandbox) throw new AppError('NotFound', 'The console is not running in sandbox mode')
      return deps.sandbox
    },
  )
}
