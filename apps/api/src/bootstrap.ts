import type { PrismaClient } from '@console/db'
import { seedProfilesForEveryTenant } from './domains/profiles/service.ts'
import { generatePassword, hashPassword } from './lib/passwords.ts'

/**
 * First start: create the tenant and its first Tenant Admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * generated password that is printed once (to the terminal, never to the structured log).
 * Later starts change nothing. Safe when several instances start at once (unique constraints decide).
 */
export async function ensureFirstAdmin(
  prisma: PrismaClient,
  options: { email: string; password?: string },
): Promise<{ created: boolean; generatedPassword?: string }> {
  const result = await createFirstAdmin(prisma, options)
  // Every start, for new and existing tenants alike: the ready-to-use cluster profiles (idempotent).
  await seedProfilesForEveryTenant(prisma)
  return result
}

async function createFirstAdmin(
  prisma: PrismaClient,
  options: { email: string; password?: string },
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await prisma.user.count()) > 0) return { created: false }
  const password = options.password ?? generatePassword()
  const passwordHash = await hashPassword(password)
  try {
    await prisma.$transaction(async (tx) => {
      const tenant = await tx.tenant.upsert({ where: { name: 'default' }, create: { name: 'default' }, update: {} })
      const user = await tx.user.create({
        data: {
          tenantId: tenant.id,
          email: options.email,
          name: 'Administrator',
          passwordHash,
          bindings: { create: [{ role: 'Tenant Admin' }] },
        },
      })
      await tx.auditEvent.create({
        data: {
          tenantId: tenant.id,
          actionType: 'create',
          actorType: 'system',
          resourceKind: 'user',
          resourceUid: user.id,
          resourceName: user.name,
          message: `First Tenant Admin ${options.email} created at start-up`,
        },
      })
    })
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return { created: false }
    throw error
  }
  return { created: true, generatedPassword: options.password ? undefined : password }
}
