import { loadSeedProfiles } from '@console/catalog'
import type { PrismaClient } from '@console/db'
import { lockProfileNames, rowFields } from './store.ts'

/**
 * Makes sure the tenant has the ready-to-use profiles (one full cluster profile per cloud), tenant-wide
 * and published, so a new user can create a cluster at once. Creates only those whose name and
 * version are absent from the tenant; safe to run on every start and from several instances at once.
 * Answers how many it created.
 */
export async function seedProfiles(prisma: PrismaClient, tenantId: string): Promise<number> {
  let created = 0
  for (const body of loadSeedProfiles()) {
    const fields = rowFields(body)
    await prisma.$transaction(async (tx) => {
      await lockProfileNames(tx, tenantId, [fields.name])
      const present = await tx.clusterProfile.findFirst({
        // Any scope counts: a tenant-wide profile must not repeat a project's name and version.
        where: { tenantId, name: fields.name, version: fields.version },
        select: { id: true },
      })
      if (present) return
      const row = await tx.clusterProfile.create({
        data: { ...fields, tenantId, projectId: null, publishedAt: new Date(), isSeeded: true },
      })
      await tx.auditEvent.create({
        data: {
          tenantId,
          actionType: 'create',
          actorType: 'system',
          resourceKind: 'clusterProfile',
          resourceUid: row.id,
          resourceName: row.name,
          message: `Ready-to-use cluster profile ${row.name} ${row.version} (${row.cloudType}) seeded at start-up`,
        },
      })
      created++
    })
  }
  return created
}

/** `seedProfiles` for every tenant: run at each start, after the first admin (and so the tenant) exists. */
export async function seedProfilesForEveryTenant(prisma: PrismaClient): Promise<void> {
  for (const tenant of await prisma.tenant.findMany({ select: { id: true } })) {
    await seedProfiles(prisma, tenant.id)
  }
}
