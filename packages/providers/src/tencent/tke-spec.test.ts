import { describe, expect, it } from 'vitest'
import {
  CLUSTER_NAME_TAG,
  clusterTags,
  createNodePoolRequest,
  NODE_POOL_TAG,
  OWNER_TAG,
  pickClusterCidr,
  readProfileSettings,
} from './tke-spec.ts'
import { tkeSpec } from './tke-test-support.ts'

const inv = {
  region: 'ap-guangzhou',
  vpcId: 'vpc-abc',
  subnets: [
    { az: 'ap-guangzhou-3', subnetId: 'subnet-a' },
    { az: 'ap-guangzhou-4', subnetId: 'subnet-b' },
  ],
  securityGroup: 'sg-1',
  keyId: 'skey-1',
}

describe('readProfileSettings', () => {
  it('reads OsName from whichever pack holds it and the k8s layer from the kubernetes pack', () => {
    const settings = readProfileSettings({
      profiles: [
        {
          uid: 'p',
          packValues: [
            { name: 'tke-os', tag: '1.0.0', values: '# image\n"OsName": "ubuntu18.04.1x86_64 GPU"\n' },
            {
              name: 'kubernetes-tke',
              tag: '1.30.0',
              values:
                'clusterLevel: L50\ncontainerRuntime: containerd\nkubeProxyMode: iptables\nnetworking:\n  clusterCIDR: "10.8.0.0/16"\n  maxNodePodNum: 32\n  maxClusterServiceNum: 512\ndeletionProtection: true\n',
            },
            { name: 'cni-calico', tag: '3.28.2', values: 'OsNameless: 1\n' },
          ],
        },
      ],
    })
    expect(settings).toEqual({
      osName: 'ubuntu18.04.1x86_64 GPU',
      version: '1.30.0',
      clusterLevel: 'L50',
      containerRuntime: 'containerd',
      kubeProxyMode: 'iptables',
      clusterCidr: '10.8.0.0/16',
      maxNodePodNum: 32,
      maxClusterServiceNum: 512,
      deletionProtection: true,
    })
  })

  it('answers nothing it cannot find, and ignores values that are not YAML maps', () => {
    expect(readProfileSettings({ profiles: [{ uid: 'p', packValues: [] }] })).toEqual({})
    const broken = readProfileSettings({
      profiles: [{ uid: 'p', packValues: [{ name: 'kubernetes-tke', tag: 'latest', values: '- not: a map' }] }],
    })
    expect(broken).toEqual({})
  })
})

describe('pickClusterCidr', () => {
  it('skips the VPC and the container networks of other clusters in it', () => {
    expect(pickClusterCidr('172.16.0.0/16', [])).toBe('172.17.0.0/16')
    expect(pickClusterCidr('172.16.0.0/12', ['10.0.0.0/14'])).toBe('10.4.0.0/16')
    expect(pickClusterCidr('10.0.0.0/8', ['172.16.0.0/12'])).toBe('192.168.0.0/16')
    expect(pickClusterCidr('0.0.0.0/0', [])).toBeUndefined()
  })
})

describe('tags and node pool request', () => {
  it('puts the ownership tags last so a label cannot overwrite them', () => {
    const tags = clusterTags('uid-1', 'c1', { team: 'a', [OWNER_TAG]: 'forged' })
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({
      team: 'a',
      [OWNER_TAG]: 'uid-1',
      [CLUSTER_NAME_TAG]: 'c1',
    })
  })

  it('maps a worker pool to CreateClusterNodePool: sizes, subnets of its AZs, disk, keys, labels, taints, tags', () => {
    const spec = tkeSpec(inv, [
      {
        name: 'gpu',
        size: 2,
        azs: [1, 0],
        instanceType: 'GN7.2XLARGE32',
        labels: { accel: 'nvidia' },
        taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
      },
    ])
    const pool = spec.machinepoolconfig[0]!
    const req = createNodePoolRequest({
      clusterId: 'cls-1',
      pool,
      spec,
      settings: { osName: 'centos7.6.0_x64 GPU' },
      tags: clusterTags('uid-1', 'c1', {}),
    })
    expect(JSON.parse(req.AutoScalingGroupPara)).toMatchObject({
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      VpcId: 'vpc-abc',
      SubnetIds: ['subnet-b', 'subnet-a'],
    })
    expect(JSON.parse(req.LaunchConfigurePara)).toMatchObject({
      InstanceType: 'GN7.2XLARGE32',
      SystemDisk: { DiskSize: 60 },
      LoginSettings: { KeyIds: ['skey-1'] },
    })
    expect(req).toMatchObject({
      ClusterId: 'cls-1',
      Name: 'gpu',
      EnableAutoscale: true,
      NodePoolOs: 'centos7.6.0_x64 GPU',
    })
    expect(req.Labels).toEqual([
      { Name: 'node-role.kubernetes.io/worker', Value: '' },
      { Name: 'accel', Value: 'nvidia' },
    ])
    expect(req.Taints).toEqual([{ Key: 'gpu', Value: 'true', Effect: 'NoSchedule' }])
    expect(req.Tags).toContainEqual({ Key: OWNER_TAG, Value: 'uid-1' })
    expect(req.Tags).toContainEqual({ Key: NODE_POOL_TAG, Value: 'gpu' })
  })
})
