import { describe, expect, it } from 'vitest'
import type { FakeRequest } from '../core/types.ts'
import { expectedSignature, isDateFresh, parseAuthorization, signatureMatches } from './sigv4.ts'

// The published SigV4 examples (AWS General Reference / the SigV4 test suite), secret of AKIDEXAMPLE.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

function request(over: Partial<FakeRequest>): FakeRequest {
  return { method: 'GET', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), ...over }
}

describe('SigV4 verification', () => {
  it('reproduces the get-vanilla test-suite signature', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'
    const auth = parseAuthorization(header)!
    expect(auth).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-east-1',
      service: 'service',
      signedHeaders: ['host', 'x-amz-date'],
    })
    const req = request({
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', authorization: header },
    })
    expect(expectedSignature(req, auth, SECRET)).toBe(auth.signature)
    expect(signatureMatches(req, auth, SECRET)).toBe(true)
    expect(signatureMatches(req, auth, `${SECRET}x`)).toBe(false)
  })

  it('reproduces the IAM ListUsers example (query string and content-type signed)', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'
    const auth = parseAuthorization(header)!
    const req = request({
      query: new URLSearchParams('Action=ListUsers&Version=2010-05-08'),
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        host: 'iam.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
      },
    })
    expect(expectedSignature(req, auth, SECRET)).toBe(auth.signature)
  })

  it('detects a tampered body', () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'
    const auth = parseAuthorization(header)!
    const req = request({
      headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
      body: Buffer.from('x'),
    })
    expect(signatureMatches(req, auth, SECRET)).toBe(false)
  })

  it('rejects malformed headers and stale dates', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=x')).toBeUndefined()
    expect(parseAuthorization('TC3-HMAC-SHA256 Credential=a/b/c/d/tc3_request')).toBeUndefined()
    const now = Date.UTC(2015, 7, 30, 12, 36, 0)
    expect(isDateFresh('20150830T123600Z', now)).toBe(true)
    expect(isDateFresh('20150830T120000Z', now)).toBe(false)
    expect(isDateFresh(undefined, now)).toBe(false)
  })
})
