import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'

const sandboxSchema = z.object({
  adminUrl: z.string(),
  tencent: z.object({
    endpoint: z.string(),
    protocol: z.string(),
    accounts: z.array(z.object({ secretId: z.string(), secretKey: z.string(), note: z.string() })),
  }),
  aws: z.object({
    endpoint: z.string(),
    accounts: z.array(z.object({ accessKey: z.string(), secretKey: z.string(), note: z.string() })),
    roles: z.array(z.object({ arn: z.string(), externalId: z.string().optional(), note: z.string() })),
  }),
  vsphere: z.object({ endpoint: z.string(), username: z.string(), password: z.string() }),
})

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
