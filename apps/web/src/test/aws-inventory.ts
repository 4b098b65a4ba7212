import { list, metadata, userMe } from './fixtures.ts'

/** The AWS wizards' (EKS and IaaS) fixtures: a project editor, an AWS account and its inventory in one region. */
export const me = userMe([{ role: 'Project Editor', projectUid: 'p-1', projectName: 'payments' }])
export const account = {
  metadata: { ...metadata('acc-1', 'aws-prod'), annotations: { scope: 'project', projectUid: 'p-1' } },
  spec: { credentialType: 'secret', accessKey: 'AKIA1', secretKey: '********', partition: 'aws' },
  status: {},
}
export const region = 'us-east-1'
export const vpc = {
  vpcId: 'vpc-0a1',
  name: 'shared',
  cidrBlock: '10.1.0.0/16',
  isDefault: false,
  subnets: [
    { subnetId: 'subnet-0a', name: 'private-a', az: 'us-east-1a', cidrBlock: '10.1.0.0/20', isPrivate: true, tags: {} },
    {
      subnetId: 'subnet-0b',
      name: 'private-b',
      az: 'us-east-1b',
      cidrBlock: '10.1.16.0/20',
      isPrivate: true,
      tags: {},
    },
  ],
}

/** The account and inventory endpoints; the wizard adds its validate answer. */
export function awsInventoryRoutes() {
  return {
    'GET /v1/users/me': { status: 200, body: me },
    'GET /v1/cloudaccounts/aws': { status: 200, body: list([account]) },
    'GET /v1/clouds/aws/regions': { status: 200, body: { items: [{ name: region }, { name: 'eu-west-1' }] } },
    [`GET /v1/clouds/aws/regions/${region}/availabilityzones`]: {
      status: 200,
      body: { items: [{ name: 'us-east-1a' }, { name: 'us-east-1b' }] },
    },
    'GET /v1/clouds/aws/vpcs': { status: 200, body: { items: [vpc] } },
    'GET /v1/clouds/aws/keypairs': { status: 200, body: { items: [{ id: 'key-1', name: 'ops', fingerprint: 'aa' }] } },
    'GET /v1/clouds/aws/instancetypes': {
      status: 200,
      body: {
        items: [
          {
            type: 'm5.large',
            cpu: 2,
            memory: 8,
            gpu: 0,
            price: 0.096,
            currency: 'USD',
            availabilityZones: ['us-east-1a', 'us-east-1b'],
          },
          {
            type: 'r5.large',
            cpu: 2,
            memory: 16,
            gpu: 0,
            price: 0.126,
            currency: 'USD',
            availabilityZones: ['us-east-1a'],
          },
        ],
      },
    },
  }
}
