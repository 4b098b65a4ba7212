import { z } from 'zod'

/**
 * GET /v1/sandbox (palette-api.md "Sandbox"): the fake clouds' endpoints, their admin URL and the
 * seeded (fake) credentials. The credentials only open the emulators, so the console shows them to a
 * Tenant Admin, and each account wizard offers them under "Use sandbox credentials".
 */
export const sandboxSchema = z.object({
  adminUrl: z.string(),
  tencent: z.object({
    endpoint: z.string(),
    protocol: z.string(),
    accounts: z.array(z.object({ secretId: z.string(), secretKey: z.string(), note: z.string() })),
  }),
  aws: z.object({
    endpoint: z.string(),
    accounts: z.array(z.object({ accessKey: z.string(), secretKey: z.string(), note: z.string() })),
    /** IAM roles the console's own identity may assume (STS accounts). */
    roles: z.array(z.object({ arn: z.string(), externalId: z.string().optional(), note: z.string() })),
  }),
  vsphere: z.object({ endpoint: z.string(), username: z.string(), password: z.string() }),
})
export type Sandbox = z.infer<typeof sandboxSchema>
