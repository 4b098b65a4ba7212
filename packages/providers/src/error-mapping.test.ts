import { describe, expect, it } from 'vitest'
import { kindOfAwsCode, permissionFromAwsMessage, toAwsCloudError } from './aws/aws-errors.ts'
import { kindOfTencentCode, permissionFromMessage, toTencentCloudError } from './tencent/tencent-errors.ts'

const tencentSite = {
  product: 'tke',
  action: 'CreateCluster',
  host: 'tke.tencentcloudapi.com',
  secretId: 'AKIDabcdefgh1234',
  timeoutMs: 10_000,
}
const awsSite = {
  service: 'ec2',
  action: 'RunInstances',
  region: 'us-east-1',
  principal: 'the access key AKIA…0001',
  timeoutMs: 10_000,
}

describe('Tencent error mapping', () => {
  it.each([
    ['AuthFailure.SecretIdNotFound', 'InvalidCredentials'],
    ['AuthFailure.SignatureFailure', 'SignatureMismatch'],
    ['AuthFailure.UnauthorizedOperation', 'PermissionDenied'],
    ['UnauthorizedOperation.CamNoAuth', 'PermissionDenied'],
    ['RequestLimitExceeded.UinLimitExceeded', 'Throttled'],
    ['InternalError.UnexpectedInternal', 'CloudInternal'],
    ['ResourceNotFound.ClusterNotFound', 'NotFound'],
    ['InvalidKeyPair.NotFound', 'NotFound'],
    ['LimitExceeded', 'QuotaExceeded'],
    ['ResourceInsufficient.SpecifiedInstanceType', 'QuotaExceeded'],
    ['InvalidParameterValue.Range', 'InvalidRequest'],
    ['MissingParameter', 'InvalidRequest'],
  ])('%s → %s', (code, kind) => {
    expect(kindOfTencentCode(code)).toBe(kind)
  })

  it('names the CAM permission from the message and falls back to product:action', () => {
    const message =
      'you are not authorized to perform operation (tke:CreateCluster)\nresource (qcs::tke:…) has no permission'
    expect(permissionFromMessage(message)).toBe('tke:CreateCluster')
    const err = toTencentCloudError({ code: 'UnauthorizedOperation', message: 'denied' }, tencentSite, false)
    expect(err.permission).toBe('tke:CreateCluster')
    expect(err.message).toContain('tke:CreateCluster')
  })

  it('retries server-side failures only, not unknown codes', () => {
    expect(toTencentCloudError({ code: 'InternalError', message: 'x' }, tencentSite, false).retryable).toBe(true)
    expect(toTencentCloudError({ code: 'FailedOperation', message: 'x' }, tencentSite, false).retryable).toBe(false)
  })

  it('masks the SecretId in messages', () => {
    const err = toTencentCloudError({ code: 'AuthFailure.SecretIdNotFound', message: 'x' }, tencentSite, false)
    expect(err.message).toContain('AKID…1234')
    expect(err.message).not.toContain(tencentSite.secretId)
  })
})

describe('AWS error mapping', () => {
  it.each([
    ['InvalidClientTokenId', 403, 'InvalidCredentials'],
    ['SignatureDoesNotMatch', 403, 'SignatureMismatch'],
    ['UnauthorizedOperation', 403, 'PermissionDenied'],
    ['AccessDeniedException', 403, 'PermissionDenied'],
    ['RequestLimitExceeded', 503, 'Throttled'],
    ['ThrottlingException', 429, 'Throttled'],
    ['InternalError', 500, 'CloudInternal'],
    ['InvalidVpcID.NotFound', 400, 'NotFound'],
    ['VpcLimitExceeded', 400, 'QuotaExceeded'],
    ['InvalidParameterValue', 400, 'InvalidRequest'],
    ['SomethingNew', 502, 'CloudInternal'],
  ])('%s (%i) → %s', (code, status, kind) => {
    expect(kindOfAwsCode(code, status)).toBe(kind)
  })

  it('names the IAM permission from the message', () => {
    const message =
      'User: arn:aws:iam::444455556666:user/console-readonly is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:444455556666:*'
    expect(permissionFromAwsMessage(message)).toBe('ec2:RunInstances')
    const err = toAwsCloudError(
      { name: 'UnauthorizedOperation', message, $fault: 'client', $metadata: { httpStatusCode: 403 } },
      awsSite,
      false,
    )
    expect(err.kind).toBe('PermissionDenied')
    expect(err.permission).toBe('ec2:RunInstances')
  })

  it('tells a refused connection from our own timeout', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    expect(toAwsCloudError(refused, awsSite, false).kind).toBe('Unreachable')
    expect(toAwsCloudError(new Error('aborted'), awsSite, true).kind).toBe('Timeout')
  })
})
