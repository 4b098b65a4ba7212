import { clusterSchema } from '@console/contracts'
import { describe, expect, it } from 'vitest'
import { isoFromPg, type ListItemRow, listItemJson } from './list-item-json.ts'
import { type ClusterRecord, toCluster } from './mapping.ts'

const GRACE = 900

/** The same row as toCluster sees it (Prisma/pg parsed) — the reference listItemJson must match. */
function parsed(row: ListItemRow): ClusterRecord {
  const date = (text: string) => new Date(`${text.replace(' ', 'T')}Z`)
  return {
    id: row.id,
    tenantId: 't',
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    cloudType: row.cloudType,
    cloudAccountId: row.cloudAccountId,
    profileId: row.profileId,
    labels: JSON.parse(row.labels),
    spec: row.cloudConfig === null ? {} : { cloudConfig: JSON.parse(row.cloudConfig) },
    state: row.state,
    conditions: JSON.parse(row.conditions),
    deletionRequestedAt: row.deletionRequestedAt === null ? null : date(row.deletionRequestedAt),
    createdBy: row.createdBy,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    profileName: row.profileName,
    profileVersion: row.profileVersion,
  }
}

const base: ListItemRow = {
  id: '55763ee4-a8a6-4e2f-a9d9-a5af60a5f9ac',
  projectId: 'a369cb19-5d25-4192-9958-cfbf8bc28d33',
  name: 'cluster-0',
  description: null,
  cloudType: 'tencent',
  cloudAccountId: '4cc276ae-404b-4a20-a72d-a7420e4dc094',
  profileId: 'a1d131c4-eb93-4115-9be4-1aefe2dd2c8a',
  labels: '{"env": "dev", "team": "t0"}',
  cloudConfig: '{"region": "ap-guangzhou", "vpcID": "vpc-1", "sshKeyIDs": ["skey-1"]}',
  state: 'Running',
  conditions: '[]',
  deletionRequestedAt: null,
  createdBy: null,
  createdAt: '2026-12-04 15:46:20.783',
  updatedAt: '2026-12-04 15:46:21',
  profileName: 'tke-standard',
  profileVersion: '1.0.0',
}

describe('listItemJson', () => {
  const cases: Record<string, Partial<ListItemRow>> = {
    'a plain running cluster': {},
    'description, creator, quotes and unicode': {
      description: 'the "main" one — ünïcode \\ and\nnewline',
      createdBy: '0f6f2a6e-4a9e-4c1b-9d8e-7d1f9c3b2a10',
      name: 'c-"q"',
      labels: '{"a": "x\\"y", "10": "ten", "é": "ü"}',
    },
    'Deleting: deletionRequestedAt and forceDeleteAvailableAt': {
      state: 'Deleting',
      deletionRequestedAt: '2026-12-04 15:50:00.5',
    },
    'Error with a deletion request (no force delete outside Deleting)': {
      state: 'Error',
      deletionRequestedAt: '2026-12-31 23:59:59.999',
      conditions:
        '[{"type": "Ready", "reason": "Failed", "status": "False", "message": "quota", "lastTransitionTime": "2026-12-04T15:00:00.000Z"}]',
    },
    'tenant-level cluster (no project), no profile left, no region': {
      projectId: null,
      profileName: null,
      profileVersion: null,
      cloudConfig: '{"vpcID": "vpc-1", "endpointAccess": {"region": "nested"}}',
    },
    'region that is not a string, odd JSON shapes': {
      cloudConfig: '{"region": 5}',
      labels: '[]',
      conditions: '{}',
    },
    'vSphere: the datacenter stands for the region': {
      cloudType: 'vsphere',
      cloudConfig: '{"placement": {"folder": "spectro", "datacenter": "Datacenter"}, "sshKeys": [], "staticIp": true}',
    },
    'vSphere placement without a datacenter string': {
      cloudType: 'vsphere',
      cloudConfig: '{"placement": {"datacenter": 7}, "note": "datacenter"}',
    },
    'no cloudConfig at all, cloudConfig not an object': { cloudConfig: null },
    'cloudConfig an array': { cloudConfig: '["x"]', labels: 'null' },
  }
  for (const [name, change] of Object.entries(cases)) {
    it(`answers what toCluster answers: ${name}`, () => {
      const row = { ...base, ...change }
      const json = JSON.parse(listItemJson(row, GRACE))
      const expected = JSON.parse(JSON.stringify(toCluster(parsed(row), [], GRACE)))
      expect(json).toEqual(expected)
      expect(clusterSchema.safeParse(json).error).toBeUndefined()
    })
  }

  it("shows a vSphere cluster's datacenter where other clouds show their region", () => {
    const row = { ...base, cloudType: 'vsphere', cloudConfig: '{"placement": {"datacenter": "Datacenter"}}' }
    expect(JSON.parse(listItemJson(row, GRACE)).status.region).toBe('Datacenter')
  })

  it('writes timestamps exactly as toISOString does', () => {
    for (const text of [
      '2026-12-04 15:46:20.783',
      '2026-12-04 15:46:20.78',
      '2026-12-04 15:46:20.7',
      '2026-12-04 15:46:20',
      '2026-01-01 00:00:00.001',
    ]) {
      expect(isoFromPg(text)).toBe(new Date(`${text.replace(' ', 'T')}Z`).toISOString())
    }
  })
})
