import { regionIn } from './mapping.ts'

/**
 * A cluster list row as Postgres sends it: every column as text (the list query turns off `pg`'s
 * type parsers), `jsonb` columns as JSON text, timestamps as UTC `YYYY-MM-DD HH:MM:SS[.fff]`.
 */
export interface ListItemRow {
  id: string
  projectId: string | null
  name: string
  description: string | null
  cloudType: string
  cloudAccountId: string
  profileId: string
  labels: string
  /** `spec -> 'cloudConfig'`: null when the spec has none. */
  cloudConfig: string | null
  state: string
  conditions: string
  deletionRequestedAt: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  profileName: string | null
  profileVersion: string | null
}

const PG_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?$/

/** A `timestamp without time zone` (UTC, as Prisma stores it) as `Date.prototype.toISOString` writes it. */
export function isoFromPg(text: string): string {
  if (!PG_TIMESTAMP.test(text)) return new Date(`${text.replace(' ', 'T')}Z`).toISOString()
  const fraction = text.length > 20 ? text.slice(20, 23).padEnd(3, '0') : '000'
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`
}

const str = JSON.stringify

/** `record()` / `Array.isArray` of toCluster, on JSON text: jsonb writes an object as `{…}`, an array as `[…]`. */
const objectOr = (json: string | null) => (json?.[0] === '{' ? json : '{}')
const arrayOr = (json: string | null) => (json?.[0] === '[' ? json : '[]')

function regionOf(cloudConfig: string | null): string | undefined {
  if (cloudConfig?.[0] !== '{') return undefined
  if (!cloudConfig.includes('"region"') && !cloudConfig.includes('"datacenter"')) return undefined
  return regionIn(JSON.parse(cloudConfig) as Record<string, unknown>)
}

/**
 * One list item's JSON, written straight from the row's text: what `JSON.stringify(toCluster(…))`
 * answers for a list row (list-item-json.test.ts holds the two together), without parsing the JSON
 * columns, building Dates and objects, and serializing them again — on a page of 50 that was most of
 * the API's own time per request. A list item is a summary: of the spec only cloudConfig
 * (`clusterConfig` {}, `machinepoolconfig` []), and `status.resources` is empty.
 */
export function listItemJson(row: ListItemRow, forceDeleteGraceSeconds: number): string {
  let metadata = `"uid":${str(row.id)},"name":${str(row.name)}`
  if (row.description !== null) metadata += `,"description":${str(row.description)}`
  const annotations: string[] = []
  if (row.projectId !== null) annotations.push(`"projectUid":${str(row.projectId)}`)
  if (row.createdBy !== null) annotations.push(`"createdBy":${str(row.createdBy)}`)
  metadata +=
    `,"labels":${objectOr(row.labels)},"annotations":{${annotations.join(',')}}` +
    `,"creationTimestamp":"${isoFromPg(row.createdAt)}","lastModifiedTimestamp":"${isoFromPg(row.updatedAt)}"`

  const profile = `{"uid":${str(row.profileId)},"name":${str(row.profileName ?? '')},"version":${str(row.profileVersion ?? '')}}`
  const spec =
    `"cloudType":${str(row.cloudType)},"cloudAccountUid":${str(row.cloudAccountId)},"profiles":[${profile}]` +
    `,"cloudConfig":${objectOr(row.cloudConfig)},"clusterConfig":{},"machinepoolconfig":[]`

  let status = `"state":${str(row.state)},"conditions":${arrayOr(row.conditions)}`
  const region = regionOf(row.cloudConfig)
  if (region !== undefined) status += `,"region":${str(region)}`
  if (row.deletionRequestedAt !== null) {
    const requested = isoFromPg(row.deletionRequestedAt)
    status += `,"deletionRequestedAt":"${requested}"`
    if (row.state === 'Deleting') {
      const available = new Date(Date.parse(requested) + forceDeleteGraceSeconds * 1000).toISOString()
      status += `,"forceDeleteAvailableAt":"${available}"`
    }
  }
  status += ',"resources":[]'
  return `{"metadata":{${metadata}},"spec":{${spec}},"status":{${status}}}`
}
