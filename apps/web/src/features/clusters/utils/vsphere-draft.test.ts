import { describe, expect, it } from 'vitest'
import { emptyVsphereDraft, newVsphereDomain, toVsphereCreateBody, type VsphereDraft } from './vsphere-draft.ts'

const layers = [{ name: 'kubernetes', tag: '1.30.6', values: 'a: 1' }]

function draft(change: Partial<VsphereDraft> = {}): VsphereDraft {
  return {
    ...emptyVsphereDraft(),
    name: ' edge ',
    cloudAccountUid: 'acc',
    profileUid: 'prof',
    datacenter: 'Datacenter',
    folder: '/Datacenter/vm/spectro',
    sshKeys: 'ssh-ed25519 AAAA one\n\n  ssh-rsa BBBB two  \n',
    ntpServers: 'pool.ntp.org, time.lab.local\n',
    ...change,
  }
}

describe('toVsphereCreateBody', () => {
  it('builds the placement, one SSH key per line and NTP servers split on lines or commas', () => {
    const { body, problems } = toVsphereCreateBody(draft({ tags: 'env:lab' }), layers)
    expect(problems).toEqual([])
    expect(body.metadata).toEqual({ name: 'edge', description: undefined, labels: { env: 'lab' } })
    expect(body.spec.cloudConfig).toEqual({
      placement: { datacenter: 'Datacenter', folder: '/Datacenter/vm/spectro' },
      sshKeys: ['ssh-ed25519 AAAA one', 'ssh-rsa BBBB two'],
      ntpServers: ['pool.ntp.org', 'time.lab.local'],
      staticIp: false,
    })
    expect(body.spec.profiles).toEqual([
      { uid: 'prof', packValues: [{ name: 'kubernetes', tag: '1.30.6', values: 'a: 1' }] },
    ])
  })

  it('sends memory in MiB, the roles, and an IP pool only with Static IP (empty when not chosen yet)', () => {
    const domain = {
      ...newVsphereDomain(),
      cluster: 'Cluster1',
      datastore: 'ds',
      network: 'VM Network',
      resourcePool: 'rp',
    }
    const pools = emptyVsphereDraft().pools.map((p, i) => ({
      ...p,
      memoryGiB: i === 0 ? '0.5' : '16',
      domains: [{ ...domain, ipPoolUid: i === 0 ? 'pool-a' : '' }],
    }))
    const dhcp = toVsphereCreateBody(draft({ pools }), layers).body
    expect(dhcp.spec.machinepoolconfig[0]?.cloudConfig.placements[0]?.network).toEqual({ networkName: 'VM Network' })
    expect(dhcp.spec.machinepoolconfig.map((p) => p.cloudConfig.instanceType.memoryMiB)).toEqual([512, 16384])
    expect(dhcp.spec.machinepoolconfig.map((p) => [p.poolConfig.labels, p.poolConfig.isControlPlane])).toEqual([
      [['master'], true],
      [['worker'], false],
    ])
    const fixed = toVsphereCreateBody(draft({ pools, staticIp: true }), layers).body
    expect(fixed.spec.machinepoolconfig.map((p) => p.cloudConfig.placements[0]?.network)).toEqual([
      { networkName: 'VM Network', parentPoolUid: 'pool-a', staticIp: true },
      { networkName: 'VM Network', parentPoolUid: undefined, staticIp: true },
    ])
  })

  it('keeps numbers as typed for the schema to judge, and reports tags that do not parse', () => {
    const pools = emptyVsphereDraft().pools.map((p) => ({ ...p, cpu: 'four', size: '' }))
    const { body, problems } = toVsphereCreateBody(draft({ pools, tags: 'no-colon' }), layers)
    expect(body.spec.machinepoolconfig[0]?.cloudConfig.instanceType.numCPUs).toBeNaN()
    expect(body.spec.machinepoolconfig[0]?.poolConfig.size).toBeUndefined()
    expect(problems).toEqual([{ path: 'metadata.labels', message: '"no-colon" is not key:value' }])
  })
})
