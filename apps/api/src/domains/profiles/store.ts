import { loadCatalog } from '@console/catalog'
import type { ClusterProfile } from '@console/contracts'
import {
  type ClusterProfileBody,
  type ProfilePack,
  type ProfileTemplate,
  type ProfileValidation,
  profilePackSchema,
  profileTemplateSchema,
  validateProfile,
} from '@console/contracts'
import type { Prisma, PrismaClient, ClusterProfileModel as ProfileRow } from '@console/db'
import { z } from 'zod'
import { AppError } from '../../lib/errors.ts'

/** The database or an open transaction. */
export type Db = PrismaClient | Prisma.TransactionClient
export type { ProfileRow }

const storedPacksSchema = z.array(profilePackSchema)

/** The stored template of a row, checked against the contract so a corrupt row fails loudly. */
export function templateOf(row: ProfileRow): ProfileTemplate {
  return profileTemplateSchema.parse({
    cloudType: row.cloudType,
    type: row.type,
    packs: storedPacksSchema.parse(row.packs),
  })
}

export function toClusterProfile(row: ProfileRow, inUseBy: Array<{ uid: string; name: string }>): ClusterProfile {
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      description: row.description ?? undefined,
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
      annotations: row.projectId ? { scope: 'project', projectUid: row.projectId } : { scope: 'tenant' },
    },
    spec: { version: row.version, template: templateOf(row), published: row.publishedAt !== null },
    status: { publishedAt: row.publishedAt?.toISOString(), inUseBy },
  }
}

/**
 * Runs the shared validator (the same one the profile editor runs in the browser) against the
 * catalog and refuses with 422 `UnprocessableEntity` whose `details` is the per-pack answer.
 */
export function assertProfileValid(profile: { spec: { template: ProfileTemplate } }): void {
  const result = validateProfile(profile, loadCatalog())
  if (result.valid) return
  throw new AppError('UnprocessableEntity', describeProblems(result), result)
}

function describeProblems(result: ProfileValidation): string {
  const messages = [
    ...result.errors.map((issue) => issue.message),
    ...result.packs.flatMap((pack) =>
      pack.errors.map(
        (issue) => `${pack.name}${issue.line === undefined ? '' : ` line ${issue.line}`}: ${issue.message}`,
      ),
    ),
  ]
  const count = messages.length === 1 ? '1 problem' : `${messages.length} problems`
  return `The profile does not validate (${count}): ${messages[0]}`
}

/**
 * The packs as stored: a pack sent without `values` gets its catalog defaults, so a stored version
 * keeps deploying what it was validated with even when the catalog's defaults change later.
 */
export function packsToStore(packs: readonly ProfilePack[]): Prisma.InputJsonValue {
  const catalog = loadCatalog()
  return packs.map((pack) => ({
    name: pack.name,
    tag: pack.tag,
    layer: pack.layer,
    type: pack.type,
    values: pack.values ?? catalog.find((c) => c.name === pack.name && c.tag === pack.tag)?.values ?? '',
  }))
}

/** The row fields of a create/update body. */
export function rowFields(body: ClusterProfileBody) {
  const { template } = body.spec
  return {
    name: body.metadata.name,
    version: body.spec.version,
    description: body.metadata.description || null,
    cloudType: template.cloudType,
    type: template.type,
    packs: packsToStore(template.packs),
  }
}

/**
 * Serializes writes of one profile name in a tenant until the transaction ends, so the uniqueness
 * check and the insert (or the version bump) cannot interleave with another writer's. Names are
 * taken in sorted order so two locks cannot deadlock.
 */
export async function lockProfileNames(tx: Prisma.TransactionClient, tenantId: string, names: string[]) {
  for (const name of [...new Set(names)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cluster-profile:${tenantId}:${name}`}))`
  }
}

/**
 * Profiles whose name and version a profile of this scope must not repeat: in a project, its own
 * and the tenant-wide ones (all it sees); tenant-wide, every profile of the tenant (so no project
 * ever sees two profiles with the same name and version).
 */
export function clashWhere(tenantId: string, projectId: string | null): Prisma.ClusterProfileWhereInput {
  return projectId ? { tenantId, OR: [{ projectId }, { projectId: null }] } : { tenantId }
}

/** 409 `AlreadyExists` naming both fields when the name and version are taken in the scope. */
export async function assertVersionFree(
  db: Db,
  target: { tenantId: string; projectId: string | null; name: string; version: string; exceptId?: string },
): Promise<void> {
  const clash = await db.clusterProfile.findFirst({
    where: {
      AND: [
        clashWhere(target.tenantId, target.projectId),
        { name: target.name, version: target.version },
        target.exceptId ? { NOT: { id: target.exceptId } } : {},
      ],
    },
    select: { projectId: true },
  })
  if (!clash) return
  const where = clash.projectId ? 'in this project' : 'tenant-wide'
  const message = `Version ${target.version} of cluster profile ${target.name} already exists ${where}`
  throw new AppError('AlreadyExists', message, [
    { path: 'metadata.name', message },
    { path: 'spec.version', message: `Choose another version than ${target.version}` },
  ])
}
