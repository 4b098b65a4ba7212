import {
  EC2Client,
  type EC2ClientResolvedConfig,
  type $Command as Ec2Command,
  type ServiceInputTypes as Ec2Input,
  type ServiceOutputTypes as Ec2Output,
} from '@aws-sdk/client-ec2'
import {
  EKSClient,
  type EKSClientResolvedConfig,
  type $Command as EksCommand,
  type ServiceInputTypes as EksInput,
  type ServiceOutputTypes as EksOutput,
} from '@aws-sdk/client-eks'
import {
  ElasticLoadBalancingV2Client,
  type ElasticLoadBalancingV2ClientResolvedConfig,
  type $Command as ElbCommand,
  type ServiceInputTypes as ElbInput,
  type ServiceOutputTypes as ElbOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { type CallPolicy, runWithPolicy } from '../call-policy.ts'
import type { AwsCredentials } from '../cloud-provider.ts'
import { CloudError } from '../errors.ts'
import { toAwsCloudError } from './aws-errors.ts'
import { type AwsEndpoint, type AwsSession, clientConfig, describePrincipal } from './aws-session.ts'

/** Per-call options. */
export interface CallOptions {
  /**
   * One attempt only, for creates without a client token (CreateVpc, CreateSubnet, …): a 5xx may come
   * after AWS acted, so the retry is left to the next pass, which looks the resource up by its tags first.
   */
  singleAttempt?: boolean
}

/** An EC2 (EKS, ELBv2) command, typed by its input and output so `ec2(new CreateVpcCommand(…))` answers a CreateVpcResult. */
export type Ec2Call = <I extends Ec2Input, O extends Ec2Output>(
  command: Ec2Command<I, O, EC2ClientResolvedConfig, Ec2Input, Ec2Output>,
  options?: CallOptions,
) => Promise<O>
export type EksCall = <I extends EksInput, O extends EksOutput>(
  command: EksCommand<I, O, EKSClientResolvedConfig, EksInput, EksOutput>,
  options?: CallOptions,
) => Promise<O>
export type ElbCall = <I extends ElbInput, O extends ElbOutput>(
  command: ElbCommand<I, O, ElasticLoadBalancingV2ClientResolvedConfig, ElbInput, ElbOutput>,
  options?: CallOptions,
) => Promise<O>

/** The AWS calls of one reconcile pass, bound to one account and region (clients made on first use). */
export interface AwsCalls {
  ec2: Ec2Call
  eks: EksCall
  /** Elastic Load Balancing v2 (the API server's network load balancer). */
  elb: ElbCall
  /** The 12-digit id of the account the credentials act in (STS GetCallerIdentity, once per pass). */
  accountId(): Promise<string>
  /** Releases the pass's SDK clients. */
  close(): void
}

export interface AwsCallOptions {
  endpoint: AwsEndpoint
  policy: CallPolicy
  session: AwsSession
}

interface Sender {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>
  destroy(): void
}

/** The action a command runs, for messages and IAM names: `CreateVpcCommand` → `CreateVpc`. */
function actionOf(command: object): string {
  return command.constructor.name.replace(/Command$/, '')
}

/**
 * Callers bound to one account and region, through the call policy (timeout, retries with backoff,
 * typed CloudErrors naming the service, action, region and principal — never a secret). The clients
 * are made on the first call, with the account's keys (a role is assumed through STS first).
 */
export function createAwsCalls(options: AwsCallOptions, credentials: AwsCredentials, region: string): AwsCalls {
  const { endpoint, policy, session } = options
  const once = { ...policy, retry: { ...policy.retry, attempts: 1 } }
  const principal = describePrincipal(credentials)
  const clients = new Map<string, Promise<Sender>>()
  function client(service: string, make: (config: ReturnType<typeof clientConfig>) => Sender): Promise<Sender> {
    let made = clients.get(service)
    if (!made) {
      made = session.keysFor(credentials).then((keys) => make(clientConfig(endpoint, region, keys)))
      // A failed AssumeRole is not kept: the next call tries again.
      made.catch(() => clients.delete(service))
      clients.set(service, made)
    }
    return made
  }
  async function call<O>(
    service: string,
    make: (config: ReturnType<typeof clientConfig>) => Sender,
    command: object,
    callOptions?: CallOptions,
  ): Promise<O> {
    const sender = await client(service, make)
    const action = actionOf(command)
    const site = { service, action, region, principal, timeoutMs: policy.timeoutMs }
    return runWithPolicy(
      callOptions?.singleAttempt ? once : policy,
      (attempt) => sender.send(command, { abortSignal: attempt.signal }) as Promise<O>,
      (err, attempt) => toAwsCloudError(err, site, attempt.timedOut()),
    )
  }
  let account: Promise<string> | undefined
  return {
    ec2: (command, callOptions) => call('ec2', (c) => new EC2Client(c), command, callOptions),
    eks: (command, callOptions) => call('eks', (c) => new EKSClient(c), command, callOptions),
    elb: (command, callOptions) =>
      call('elasticloadbalancing', (c) => new ElasticLoadBalancingV2Client(c), command, callOptions),
    accountId() {
      account ??= call<{ Account?: string }>('sts', (c) => new STSClient(c), new GetCallerIdentityCommand({})).then(
        (who) => {
          if (!who.Account) {
            throw new CloudError({
              kind: 'CloudInternal',
              cloud: 'aws',
              action: 'GetCallerIdentity',
              retryable: true,
              message: 'AWS STS answered GetCallerIdentity without an account id.',
            })
          }
          return who.Account
        },
      )
      account.catch(() => {
        account = undefined
      })
      return account
    },
    close() {
      for (const made of clients.values()) made.then((c) => c.destroy()).catch(() => {})
      clients.clear()
    },
  }
}

/** The code AWS answered with, when the error is a CloudError from AWS. */
export function awsCode(err: unknown): string | undefined {
  return err instanceof CloudError ? err.cloudCode : undefined
}

/** True for the answers AWS gives when the thing asked about no longer exists. */
export function isAwsGone(err: unknown): boolean {
  if (!(err instanceof CloudError)) return false
  return err.kind === 'NotFound' || /NotFound/.test(err.cloudCode ?? '')
}
