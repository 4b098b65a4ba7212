import type { Page } from '@playwright/test'
import { api, type ProfileItem, unique } from './api.ts'

interface Sandbox {
  adminUrl: string
  aws: { accounts: { accessKey: string; secretKey: string; note: string }[] }
}
interface InstanceTypeItem {
  type: string
  price: number | null
  availabilityZones: string[]
}

/**
 * An AWS account (the sandbox's full-permission credentials) added to a project through the API, with
 * what the console's inventory offers there: the published cluster profile of `cloudType`, two zones of
 * the region and an instance type with an on-demand price in both (a spot bid is a percentage of it).
 */
export async function addAwsAccount(page: Page, projectUid: string, cloudType: 'aws' | 'eks', region: string) {
  const sandbox = (await api(page, 'GET', '/v1/sandbox')) as Sandbox
  const full = sandbox.aws.accounts.find((a) => /full permissions/i.test(a.note))
  if (!full) throw new Error('no full-permission AWS sandbox account')
  const accountName = `aws-${unique()}`
  const { uid: accountUid } = await api(page, 'POST', '/v1/cloudaccounts/aws', projectUid, {
    metadata: { name: accountName },
    spec: { credentialType: 'secret', accessKey: full.accessKey, secretKey: full.secretKey },
  })
  const profiles = (await api(page, 'GET', `/v1/clusterprofiles?cloudType=${cloudType}&limit=200`, projectUid)) as {
    items: ProfileItem[]
  }
  const profile = profiles.items.find((p) => p.spec.published && p.spec.template.type === 'cluster')
  if (!profile) throw new Error(`no published ${cloudType} cluster profile`)
  const inventory = (path: string) =>
    api(page, 'GET', `/v1/clouds/aws/${path}${path.includes('?') ? '&' : '?'}cloudAccountUid=${accountUid}`, projectUid)
  const zones = ((await inventory(`regions/${region}/availabilityzones`)) as { items: { name: string }[] }).items
  const [zoneA, zoneB] = zones.map((z) => z.name)
  const types = ((await inventory(`instancetypes?region=${region}`)) as { items: InstanceTypeItem[] }).items
  const inBoth = (t: InstanceTypeItem) =>
    t.price !== null && [zoneA, zoneB].every((z) => z !== undefined && t.availabilityZones.includes(z))
  const type = types.find((t) => t.type === 'm5.large' && inBoth(t)) ?? types.find(inBoth)
  if (!zoneA || !zoneB || !type) throw new Error(`the fake AWS has no usable placement in ${region}`)
  return {
    adminUrl: sandbox.adminUrl,
    accountName,
    accountUid,
    profile,
    zones: [zoneA, zoneB] as const,
    instanceType: type.type,
    /** GET one of the console's AWS inventory endpoints for this account. */
    inventory,
  }
}
