import { loadSeedProfiles } from '@console/catalog'
import type { ClusterProfileBody } from '@console/contracts'
import type { TestApp } from '../../test/harness.ts'

/** A fresh copy of a seed profile of `cloudType`, renamed so it does not clash with the seeded one. */
export function profileBody(cloudType: 'tencent' | 'aws' | 'eks' | 'vsphere', name: string): ClusterProfileBody {
  const seed = loadSeedProfiles().find((profile) => profile.spec.template.cloudType === cloudType)
  if (!seed) throw new Error(`no seed profile for ${cloudType}`)
  const body = structuredClone(seed)
  body.metadata.name = name
  return body
}

/** The TKE profile with its PostgreSQL volume set to `size` (the seed has 20Gi). */
export function tkeWithVolume(name: string, size: string): ClusterProfileBody {
  const body = profileBody('tencent', name)
  const postgres = body.spec.template.packs.find((pack) => pack.name === 'postgresql')!
  postgres.values = postgres.values!.replace('size: 20Gi', `size: ${size}`)
  return body
}

/** The TKE profile with its OS layer's OsName set to `osName`. */
export function tkeWithOsName(name: string, osName: string): ClusterProfileBody {
  const body = profileBody('tencent', name)
  body.spec.template.packs[0]!.values = `"OsName": "${osName}"\n`
  return body
}

/** PATCH is missing from the harness's `as`. */
export function patchAs(t: TestApp, token: string, url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'PATCH', url, headers: { authorization: token, ...headers } })
}
