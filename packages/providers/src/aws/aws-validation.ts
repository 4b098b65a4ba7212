import { CreateVpcCommand, DescribeVpcsCommand, type EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { CreateClusterCommand, type EKSClient, ListClustersCommand } from '@aws-sdk/client-eks'
import { CloudError, isCloudError } from '../errors.ts'

/** Runs one probe call against a fresh client of the account (with timeout, retries and error mapping). */
export interface AwsProbeRunner {
  ec2(action: string, run: (client: EC2Client, signal: AbortSignal) => Promise<unknown>): Promise<unknown>
  eks(action: string, run: (client: EKSClient, signal: AbortSignal) => Promise<unknown>): Promise<unknown>
}

/**
 * How a probe's outcome proves a permission:
 * - `read`: success proves it.
 * - `dryRun`: EC2's DryRun=true answers `DryRunOperation` when permitted and `UnauthorizedOperation` when not.
 * - `invalidWrite`: a write sent without its required parameters; IAM authorises before the service validates,
 *   so a validation error proves the permission and `AccessDeniedException` its absence. Nothing is created.
 */
type ProbeKind = 'read' | 'dryRun' | 'invalidWrite'

interface Probe {
  permission: string
  kind: ProbeKind
  run: (runner: AwsProbeRunner) => Promise<unknown>
}

/** A placeholder AMI: DryRun never launches, and IAM is evaluated before the image is looked up. */
const PROBE_IMAGE = 'ami-00000000000000000'

export const AWS_PROBES: readonly Probe[] = [
  {
    permission: 'ec2:DescribeVpcs',
    kind: 'read',
    run: (r) => r.ec2('DescribeVpcs', (c, s) => c.send(new DescribeVpcsCommand({ MaxResults: 5 }), { abortSignal: s })),
  },
  {
    permission: 'ec2:RunInstances',
    kind: 'dryRun',
    run: (r) =>
      r.ec2('RunInstances', (c, s) =>
        c.send(
          new RunInstancesCommand({
            DryRun: true,
            ImageId: PROBE_IMAGE,
            InstanceType: 't3.micro',
            MinCount: 1,
            MaxCount: 1,
          }),
          { abortSignal: s },
        ),
      ),
  },
  {
    permission: 'ec2:CreateVpc',
    kind: 'dryRun',
    run: (r) =>
      r.ec2('CreateVpc', (c, s) =>
        c.send(new CreateVpcCommand({ DryRun: true, CidrBlock: '10.0.0.0/16' }), { abortSignal: s }),
      ),
  },
  {
    permission: 'eks:ListClusters',
    kind: 'read',
    run: (r) => r.eks('ListClusters', (c, s) => c.send(new ListClustersCommand({ maxResults: 1 }), { abortSignal: s })),
  },
  {
    permission: 'eks:CreateCluster',
    kind: 'invalidWrite',
    run: (r) =>
      r.eks('CreateCluster', (c, s) =>
        // No role and no subnets: the service can only answer a validation error or AccessDenied.
        c.send(new CreateClusterCommand({ name: '', roleArn: '', resourcesVpcConfig: {} }), { abortSignal: s }),
      ),
  },
]

/** True when an error outcome of a probe still proves the permission is granted. */
function provesGranted(kind: ProbeKind, err: CloudError | undefined): boolean {
  if (err === undefined) return kind === 'read' || kind === 'invalidWrite'
  if (kind === 'dryRun') return err.cloudCode === 'DryRunOperation' || err.kind === 'InvalidRequest'
  if (kind === 'invalidWrite') return err.kind === 'InvalidRequest' || err.kind === 'NotFound'
  return false
}

/**
 * Runs every probe and throws one PermissionDenied naming all missing permissions;
 * any other failure (throttling after retries, timeout, unreachable) is thrown as it is.
 */
export async function probeAwsPermissions(runner: AwsProbeRunner): Promise<void> {
  const outcomes = await Promise.all(
    AWS_PROBES.map(async (probe) => {
      try {
        await probe.run(runner)
        return { probe, err: undefined }
      } catch (err) {
        return { probe, err }
      }
    }),
  )
  const missing: string[] = []
  for (const { probe, err } of outcomes) {
    if (err !== undefined && !isCloudError(err)) throw err
    if (provesGranted(probe.kind, err)) continue
    if (err?.kind === 'PermissionDenied') missing.push(err.permission ?? probe.permission)
    else if (err) throw err
  }
  if (missing.length > 0) {
    const one = missing.length === 1
    throw new CloudError({
      kind: 'PermissionDenied',
      cloud: 'aws',
      permission: missing[0],
      missingPermissions: missing,
      cloudCode: 'UnauthorizedOperation',
      message: `The AWS credentials are valid but lack ${one ? 'the IAM permission' : 'the IAM permissions'} ${missing.join(', ')}: add ${one ? 'it' : 'them'} to the policy attached to this identity.`,
    })
  }
}
