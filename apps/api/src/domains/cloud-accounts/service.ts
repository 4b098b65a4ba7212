import { randomUUID } from 'node:crypto'
import type {
  CloudAccountListQuery,
  ListMeta,
  VsphereAccount,
  VsphereAccountBody,
  VsphereAccountCredentials,
  VsphereAccountSpec,
  VsphereAccountUpdateBody,
  VspherePropertyKind,
} from '@console/contracts'
import type { Prisma } from '@console/db'
import { type AwsCredentials, type CloudIdentity, isCloudError, type TencentCredentials } from '@console/providers'
import { recordAudit } from '../../lib/audit.ts'
import { isTenantAdmin, type RequestContext } from '../../lib/context.ts'
import type { Deps } from '../../lib/deps.ts'
import { AppError } from '../../lib/errors.ts'
import { listMeta, pageWindow } from '../../lib/pagination.ts'
import { openSecret, sealSecret } from '../../lib/secret-box.ts'
import { liveClusterWhere } from '../clusters/mapping.ts'
import { listVcenterProperty } from '../gateways/provisioning.ts'
import { listGatewayIpPools } from '../ip-pools/service.ts'
import {
  type AccountKind,
  awsKind,
  type StoredParts,
  tencentKind,
  validateThroughGateway,
  vsphereKind,
} from './account-kinds.ts'
import { permissionsOf, toAppError } from './cloud-errors.ts'

type CloudAccountRow = Prisma.CloudAccountGetPayload<object>
const AUDIT_KIND = 'cloudaccount'

// ---- usage by clusters ----------------------------------------------------------------

/** A live cluster that uses an account. */
export interface AccountUser {
  uid: string
  name: string
}

/** Answers the live clusters that use an account; an account in use cannot be deleted. */
export type AccountUsage = (deps: Deps, account: { uid: string; tenantId: string }) => Promise<AccountUser[]>

/** Clusters that are not gone (a Deleted cluster keeps its row for history, but no longer uses the account). */
export const liveClustersUsingAccount: AccountUsage = async (deps, account) => {
  const rows = await deps.prisma.cluster.findMany({
    where: { tenantId: account.tenantId, cloudAccountId: account.uid, ...liveClusterWhere },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  })
  return rows.map((row) => ({ uid: row.id, name: row.name }))
}

/** Injectable so tests (and a later engine with its own notion of "live") can replace it. */
let accountUsage: AccountUsage = liveClustersUsingAccount

/** Replaces the usage check; answers a function that restores the previous one. */
export function setAccountUsage(usage: AccountUsage | undefined): () => void {
  const previous = accountUsage
  accountUsage = usage ?? liveClustersUsingAccount
  return () => {
    accountUsage = previous
  }
}

// ---- scope ------------------------------------------------------------------------------

const isUuid = (uid: string) => /^[0-9a-f-]{36}$/i.test(uid)

/**
 * Accounts the caller sees: in a project, that project's accounts and the tenant-wide ones;
 * in tenant scope, the tenant-wide ones (a Tenant Admin may ask for every account with `all`).
 */
function visibleWhere(ctx: RequestContext, cloudType: string | undefined, all = false): Prisma.CloudAccountWhereInput {
  const where: Prisma.CloudAccountWhereInput = { tenantId: ctx.actor.tenantId, cloudType }
  if (ctx.projectUid) return { ...where, OR: [{ projectId: ctx.projectUid }, { projectId: null }] }
  if (all) {
    if (!isTenantAdmin(ctx.actor)) throw new AppError('Forbidden', 'Only a Tenant Admin may list every account')
    return where
  }
  return { ...where, projectId: null }
}

function scopeOf(row: { projectId: string | null }) {
  return row.projectId ? { scope: 'project' as const, projectUid: row.projectId } : { scope: 'tenant' as const }
}

async function findVisible(deps: Deps, ctx: RequestContext, cloudType: string, uid: string, label: string) {
  // A Tenant Admin in tenant scope reaches every account by uid, as the `all` list shows them.
  const all = !ctx.projectUid && isTenantAdmin(ctx.actor)
  const row = isUuid(uid)
    ? await deps.prisma.cloudAccount.findFirst({ where: { ...visibleWhere(ctx, cloudType, all), id: uid } })
    : null
  if (!row) throw new AppError('NotFound', `${label} cloud account ${uid} not found`)
  return row
}

/** Writes happen where the account lives: a tenant-wide account is managed in tenant scope. */
async function findManageable(deps: Deps, ctx: RequestContext, cloudType: string, uid: string, label: string) {
  const row = await findVisible(deps, ctx, cloudType, uid, label)
  if (ctx.projectUid && row.projectId !== ctx.projectUid) {
    throw new AppError('Forbidden', `${label} cloud account ${row.name} is tenant-wide; manage it in tenant scope`)
  }
  return row
}

async function assertNameFree(
  deps: Deps,
  ctx: RequestContext,
  cloudType: string,
  target: { name: string; projectId: string | null },
  exceptId?: string,
) {
  const clash = await deps.prisma.cloudAccount.findFirst({
    where: {
      tenantId: ctx.actor.tenantId,
      cloudType,
      projectId: target.projectId,
      name: { equals: target.name, mode: 'insensitive' },
      NOT: exceptId ? { id: exceptId } : undefined,
    },
    select: { id: true },
  })
  if (clash) {
    throw new AppError('AlreadyExists', `A cloud account named "${target.name}" already exists in this scope`, [
      { path: 'metadata.name', message: 'An account with this name already exists' },
    ])
  }
}

// ---- reads ------------------------------------------------------------------------------

function toAccount<S, U, C, R>(kind: AccountKind<S, U, C, R>, row: CloudAccountRow) {
  const identity = row.identity as CloudIdentity | null
  return {
    metadata: {
      uid: row.id,
      name: row.name,
      description: row.description ?? undefined,
      annotations: { ...scopeOf(row), ...kind.annotations?.(row.spec as Record<string, unknown>) },
      creationTimestamp: row.createdAt.toISOString(),
      lastModifiedTimestamp: row.updatedAt.toISOString(),
    },
    spec: kind.toReadSpec(row.spec as Record<string, unknown>),
    status: {
      validatedAt: row.validatedAt?.toISOString(),
      identity: identity ? { accountId: identity.accountId, principal: identity.principal } : undefined,
    },
  }
}

async function listAccounts<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  query: CloudAccountListQuery,
) {
  const where = visibleWhere(ctx, kind.cloudType, query.scope === 'all')
  const window = pageWindow(query)
  const [rows, total] = await Promise.all([
    deps.prisma.cloudAccount.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...window }),
    deps.prisma.cloudAccount.count({ where }),
  ])
  return { items: rows.map((row) => toAccount(kind, row)), listmeta: listMeta(window, rows.length, total) }
}

function openStored<S, U, C, R>(deps: Deps, kind: AccountKind<S, U, C, R>, row: CloudAccountRow): S {
  const secrets = JSON.parse(openSecret(deps.keys.encryption, row.secretCiphertext, row.id)) as StoredParts['secrets']
  return kind.assemble({ publicSpec: row.spec as Record<string, unknown>, secrets })
}

// ---- validation -------------------------------------------------------------------------

/**
 * Asks the cloud whether the credentials work. A refusal is audited (without secrets: the cloud,
 * the kind of failure and the permissions it names) and answered as the API's precise error.
 */
async function checkCredentials<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  spec: S,
  account: { uid?: string; name?: string } = {},
): Promise<CloudIdentity> {
  try {
    return await kind.validate(deps, ctx, kind.toCredentials(spec))
  } catch (err) {
    if (!isCloudError(err)) throw err
    await recordAudit(deps.prisma, ctx, {
      actionType: 'validationFailed',
      resource: { kind: AUDIT_KIND, uid: account.uid, name: account.name },
      message: `${kind.label} account credentials failed validation: ${err.kind}`,
      details: { cloud: kind.cloudType, kind: err.kind, cloudCode: err.cloudCode, permissions: permissionsOf(err) },
    })
    throw toAppError(err)
  }
}

async function validateAccountSpec<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  spec: S,
) {
  await checkCredentials(deps, ctx, kind, spec)
}

// ---- writes -----------------------------------------------------------------------------

interface AccountBody<Spec> {
  metadata: { name: string; description?: string }
  spec: Spec
}

async function createAccount<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  body: AccountBody<S>,
): Promise<{ uid: string }> {
  const { name, description } = body.metadata
  const projectId = ctx.projectUid ?? null
  await assertNameFree(deps, ctx, kind.cloudType, { name, projectId })
  const identity = await checkCredentials(deps, ctx, kind, body.spec, { name })
  // The row id is the ciphertext's associated data, so it is chosen before the insert.
  const id = randomUUID()
  const { publicSpec, secrets } = kind.split(body.spec)
  return deps.prisma.$transaction(async (tx) => {
    await tx.cloudAccount.create({
      data: {
        id,
        tenantId: ctx.actor.tenantId,
        projectId,
        cloudType: kind.cloudType,
        name,
        description: description || null,
        spec: publicSpec as Prisma.InputJsonValue,
        secretCiphertext: sealSecret(deps.keys.encryption, JSON.stringify(secrets), id),
        identity: { accountId: identity.accountId, principal: identity.principal },
        validatedAt: new Date(),
        createdBy: ctx.actor.userId,
        ...kind.columns?.(body.spec),
      },
    })
    await recordAudit(tx, ctx, {
      actionType: 'create',
      resource: { kind: AUDIT_KIND, uid: id, name },
      message: `${kind.label} cloud account ${name} created`,
      details: { cloud: kind.cloudType, ...scopeOf({ projectId }), cloudAccountId: identity.accountId },
    })
    return { uid: id }
  })
}

async function updateAccount<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  uid: string,
  body: AccountBody<U>,
): Promise<void> {
  const row = await findManageable(deps, ctx, kind.cloudType, uid, kind.label)
  const { name, description } = body.metadata
  await assertNameFree(deps, ctx, kind.cloudType, { name, projectId: row.projectId }, row.id)
  const stored = openStored(deps, kind, row)
  const spec = kind.merge(body.spec, stored)
  const identity = await checkCredentials(deps, ctx, kind, spec, { uid: row.id, name: row.name })
  const { publicSpec, secrets } = kind.split(spec)
  const storedSecrets = kind.split(stored).secrets
  const secretsChanged = JSON.stringify(secrets) !== JSON.stringify(storedSecrets)
  await deps.prisma.$transaction(async (tx) => {
    await tx.cloudAccount.update({
      where: { id: row.id },
      data: {
        name,
        description: description || null,
        spec: publicSpec as Prisma.InputJsonValue,
        secretCiphertext: sealSecret(deps.keys.encryption, JSON.stringify(secrets), row.id),
        identity: { accountId: identity.accountId, principal: identity.principal },
        validatedAt: new Date(),
        ...kind.columns?.(spec),
      },
    })
    await recordAudit(tx, ctx, {
      actionType: 'update',
      resource: { kind: AUDIT_KIND, uid: row.id, name },
      projectUid: row.projectId ?? undefined,
      message:
        row.name === name
          ? `${kind.label} cloud account ${name} updated`
          : `${kind.label} cloud account ${row.name} renamed to ${name}`,
      details: { cloud: kind.cloudType, secretsChanged, cloudAccountId: identity.accountId },
    })
  })
  // Inventory cached under the old credentials must not outlive them.
  deps.providers.clearCache()
}

async function deleteAccount<S, U, C, R>(
  deps: Deps,
  ctx: RequestContext,
  kind: AccountKind<S, U, C, R>,
  uid: string,
): Promise<void> {
  const row = await findManageable(deps, ctx, kind.cloudType, uid, kind.label)
  const users = await accountUsage(deps, { uid: row.id, tenantId: row.tenantId })
  if (users.length) {
    const names = users.map((c) => c.name).join(', ')
    throw new AppError('InUse', `Cloud account ${row.name} is used by the cluster(s) ${names}; delete them first`, {
      clusters: users,
    })
  }
  await deps.prisma.$transaction(async (tx) => {
    // The row lock makes a concurrent cluster create wait (its foreign key takes a share lock), so no
    // live cluster can appear between this check and the delete; Deleted clusters' references are cleared.
    await tx.$queryRaw`SELECT 1 FROM "CloudAccount" WHERE "id" = ${row.id}::uuid FOR UPDATE`
    const late = await tx.cluster.findMany({
      where: { cloudAccountId: row.id, ...liveClusterWhere },
      select: { id: true, name: true },
    })
    if (late.length) {
      const names = late.map((c) => c.name).join(', ')
      throw new AppError('InUse', `Cloud account ${row.name} is used by the cluster(s) ${names}; delete them first`, {
        clusters: late.map((c) => ({ uid: c.id, name: c.name })),
      })
    }
    await tx.cloudAccount.delete({ where: { id: row.id } })
    await recordAudit(tx, ctx, {
      actionType: 'delete',
      resource: { kind: AUDIT_KIND, uid: row.id, name: row.name },
      projectUid: row.projectId ?? undefined,
      message: `${kind.label} cloud account ${row.name} deleted`,
      details: { cloud: kind.cloudType },
    })
  })
}

// ---- credentials for provider calls -----------------------------------------------------

export type AccountCredentials =
  | { cloudType: 'tencent'; uid: string; name: string; credentials: TencentCredentials }
  | { cloudType: 'aws'; uid: string; name: string; credentials: AwsCredentials }
  | { cloudType: 'vsphere'; uid: string; name: string; credentials: VsphereAccountCredentials }

/**
 * The decrypted credentials of an account the caller can see, for provider calls (inventory now,
 * the provisioning engine later). Internal: never return these from a route.
 */
export async function getAccountCredentials(deps: Deps, ctx: RequestContext, uid: string): Promise<AccountCredentials> {
  const all = !ctx.projectUid && isTenantAdmin(ctx.actor)
  const where = visibleWhere(ctx, undefined, all)
  const row = isUuid(uid) ? await deps.prisma.cloudAccount.findFirst({ where: { ...where, id: uid } }) : null
  if (!row) throw new AppError('NotFound', `Cloud account ${uid} not found`)
  const base = { uid: row.id, name: row.name }
  if (row.cloudType === 'tencent') {
    return { ...base, cloudType: 'tencent', credentials: tencentKind.toCredentials(openStored(deps, tencentKind, row)) }
  }
  if (row.cloudType === 'aws') {
    return { ...base, cloudType: 'aws', credentials: awsKind.toCredentials(openStored(deps, awsKind, row)) }
  }
  if (row.cloudType === 'vsphere') {
    return { ...base, cloudType: 'vsphere', credentials: vsphereKind.toCredentials(openStored(deps, vsphereKind, row)) }
  }
  throw new AppError('UnprocessableEntity', `Cloud account ${row.name} is a ${row.cloudType} account`)
}

// ---- per-cloud entry points (what the routes call) --------------------------------------

type TencentBody = AccountBody<Parameters<typeof tencentKind.split>[0]>
type TencentUpdateBody = AccountBody<Parameters<typeof tencentKind.merge>[0]>
type AwsBody = AccountBody<Parameters<typeof awsKind.split>[0]>
type AwsUpdateBody = AccountBody<Parameters<typeof awsKind.merge>[0]>

export const listTencentAccounts = (deps: Deps, ctx: RequestContext, query: CloudAccountListQuery) =>
  listAccounts(deps, ctx, tencentKind, query)
export const getTencentAccount = async (deps: Deps, ctx: RequestContext, uid: string) =>
  toAccount(tencentKind, await findVisible(deps, ctx, 'tencent', uid, tencentKind.label))
export const createTencentAccount = (deps: Deps, ctx: RequestContext, body: TencentBody) =>
  createAccount(deps, ctx, tencentKind, body)
export const updateTencentAccount = (deps: Deps, ctx: RequestContext, uid: string, body: TencentUpdateBody) =>
  updateAccount(deps, ctx, tencentKind, uid, body)
export const deleteTencentAccount = (deps: Deps, ctx: RequestContext, uid: string) =>
  deleteAccount(deps, ctx, tencentKind, uid)
export const validateTencentCredentials = (deps: Deps, ctx: RequestContext, spec: TencentBody['spec']) =>
  validateAccountSpec(deps, ctx, tencentKind, spec)

export const listAwsAccounts = (deps: Deps, ctx: RequestContext, query: CloudAccountListQuery) =>
  listAccounts(deps, ctx, awsKind, query)
export const getAwsAccount = async (deps: Deps, ctx: RequestContext, uid: string) =>
  toAccount(awsKind, await findVisible(deps, ctx, 'aws', uid, awsKind.label))
export const createAwsAccount = (deps: Deps, ctx: RequestContext, body: AwsBody) =>
  createAccount(deps, ctx, awsKind, body)
export const updateAwsAccount = (deps: Deps, ctx: RequestContext, uid: string, body: AwsUpdateBody) =>
  updateAccount(deps, ctx, awsKind, uid, body)
export const deleteAwsAccount = (deps: Deps, ctx: RequestContext, uid: string) => deleteAccount(deps, ctx, awsKind, uid)
export const validateAwsCredentials = (deps: Deps, ctx: RequestContext, spec: AwsBody['spec']) =>
  validateAccountSpec(deps, ctx, awsKind, spec)

// vSphere: Palette names the gateway in `metadata.annotations.overlordUid`; the kind keeps it in the spec.
const withGateway = <S>(body: {
  metadata: { name: string; description?: string; annotations: { overlordUid: string } }
  spec: S
}) => ({
  metadata: { name: body.metadata.name, description: body.metadata.description },
  spec: { ...body.spec, overlordUid: body.metadata.annotations.overlordUid },
})

// Reads carry the kind's annotations (the gateway) besides the scope ones.
export const listVsphereAccounts = async (deps: Deps, ctx: RequestContext, query: CloudAccountListQuery) =>
  (await listAccounts(deps, ctx, vsphereKind, query)) as { items: VsphereAccount[]; listmeta: ListMeta }
export const getVsphereAccount = async (deps: Deps, ctx: RequestContext, uid: string) =>
  toAccount(vsphereKind, await findVisible(deps, ctx, 'vsphere', uid, vsphereKind.label)) as VsphereAccount
export const createVsphereAccount = (deps: Deps, ctx: RequestContext, body: VsphereAccountBody) =>
  createAccount(deps, ctx, vsphereKind, withGateway(body))
/**
 * The account a gateway created for itself follows the gateway: its credentials change with the gateway's
 * (Configure) and it is deleted with it, never on its own.
 */
async function refuseGatewayOwnAccount(deps: Deps, ctx: RequestContext, uid: string, action: string) {
  const row = await findManageable(deps, ctx, 'vsphere', uid, vsphereKind.label)
  const owner = row.gatewayId
    ? await deps.prisma.gateway.findFirst({
        where: { id: row.gatewayId, cloudAccountId: row.id },
        select: { name: true },
      })
    : null
  if (owner) {
    throw new AppError(
      'Conflict',
      `Cloud account ${row.name} was created with the Private Cloud Gateway ${owner.name}; it is ${action} with the gateway`,
    )
  }
}

export async function updateVsphereAccount(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  body: VsphereAccountUpdateBody,
) {
  await refuseGatewayOwnAccount(deps, ctx, uid, 'configured')
  await updateAccount(deps, ctx, vsphereKind, uid, withGateway(body))
}

export async function deleteVsphereAccount(deps: Deps, ctx: RequestContext, uid: string) {
  await refuseGatewayOwnAccount(deps, ctx, uid, 'deleted')
  await deleteAccount(deps, ctx, vsphereKind, uid)
}

/** POST /v1/overlords/vsphere/{pcgUid}/account/validate: the credentials, checked by that gateway's agent. */
export async function validateVsphereCredentials(
  deps: Deps,
  ctx: RequestContext,
  gatewayUid: string,
  account: VsphereAccountSpec,
): Promise<void> {
  await validateThroughGateway(deps, ctx, gatewayUid, account)
}

/** The account's placement drop-downs, answered by its gateway's agent (which must be Running) with its credentials. */
export async function listVsphereAccountProperty(
  deps: Deps,
  ctx: RequestContext,
  uid: string,
  what: VspherePropertyKind,
  parents: { datacenter?: string; computecluster?: string },
) {
  const row = await findVisible(deps, ctx, 'vsphere', uid, vsphereKind.label)
  const { gatewayUid, vcenter } = vsphereKind.toCredentials(openStored(deps, vsphereKind, row))
  const gateway = await deps.prisma.gateway.findFirst({ where: { id: gatewayUid, deletedAt: null } })
  if (!gateway) throw new AppError('InvalidState', `The Private Cloud Gateway of account ${row.name} was deleted`)
  if (gateway.state !== 'Running') {
    throw new AppError(
      'InvalidState',
      `Private Cloud Gateway ${gateway.name} is ${gateway.state}; vCenter answers through a Running gateway`,
      { state: gateway.state },
    )
  }
  return listVcenterProperty(deps, gateway.id, vcenter, what, parents)
}

/** The IP pools of the account's gateway (for the cluster wizard's placement domains). */
export async function listVsphereAccountIpPools(deps: Deps, ctx: RequestContext, uid: string) {
  const row = await findVisible(deps, ctx, 'vsphere', uid, vsphereKind.label)
  return listGatewayIpPools(deps, row.gatewayId ?? '')
}
