import { createHash, generateKeyPairSync } from 'node:crypto'
import type {
  CreateKeyPairRequest,
  DeleteKeyPairRequest,
  DeleteKeyPairResult,
  DescribeKeyPairsRequest,
  DescribeKeyPairsResult,
  ImportKeyPairRequest,
  ImportKeyPairResult,
  KeyPair,
  KeyPairInfo,
} from '@aws-sdk/client-ec2'
import type { ResourceRecord } from '../../core/types.ts'
import { type AwsCall, AwsError, listResources, newId, putResource, removeResource, tagsToList } from '../call.ts'
import { describeKind, type Ec2Kind, notFound } from './kind.ts'
import { tagsFor } from './tag-spec.ts'

export const keyPairKind: Ec2Kind<KeyPairInfo> = {
  type: 'ec2.key-pair',
  prefix: 'key',
  tagResourceType: 'key-pair',
  notFound: notFound('InvalidKeyPair.NotFound', "The key pair '{id}' does not exist"),
  view: (_call, r) => ({
    KeyPairId: r.id,
    KeyName: r.name,
    KeyFingerprint: r.attrs.fingerprint as string,
    KeyType: 'rsa',
    CreateTime: new Date(r.createdAt),
    Tags: tagsToList(r.tags),
  }),
  fields: (_call, r) => ({
    'key-name': [r.name],
    'key-pair-id': [r.id],
    fingerprint: [r.attrs.fingerprint as string],
    'key-type': ['rsa'],
  }),
}

/** A fingerprint in AWS's colon-separated hex form, derived from the key material. */
export function fingerprint(material: string): string {
  return createHash('md5').update(material).digest('hex').match(/../g)!.join(':')
}

export function putKeyPair(
  call: AwsCall,
  opts: { name: string; material: string; tags: Record<string, string>; id?: string; seeded?: boolean },
): ResourceRecord {
  const { name, material, tags, seeded } = opts
  return putResource(call, {
    type: keyPairKind.type,
    id: opts.id ?? newId('key'),
    name,
    state: 'available',
    tags,
    attrs: { fingerprint: fingerprint(material) },
    seeded,
  })
}

function byName(call: AwsCall, name: string | undefined): ResourceRecord | undefined {
  return listResources(call, keyPairKind.type).find((k) => k.name === name)
}

export function describeKeyPairs(call: AwsCall, input: DescribeKeyPairsRequest): DescribeKeyPairsResult {
  const ids = [
    ...(input.KeyNames ?? []).map((n) => {
      const k = byName(call, n)
      if (!k) throw keyPairKind.notFound(n)
      return k.id
    }),
    ...(input.KeyPairIds ?? []).map((id) => {
      if (!listResources(call, keyPairKind.type).some((k) => k.id === id)) {
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair ID '${id}' does not exist`)
      }
      return id
    }),
  ]
  return { KeyPairs: describeKind(call, keyPairKind, ids.length ? ids : undefined, input.Filters) }
}

function requireNewName(call: AwsCall, name: string | undefined): string {
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName')
  if (byName(call, name)) throw new AwsError('InvalidKeyPair.Duplicate', `The keypair already exists`)
  return name
}

export function createKeyPair(call: AwsCall, input: CreateKeyPairRequest): KeyPair {
  const name = requireNewName(call, input.KeyName)
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  })
  const r = putKeyPair(call, { name, material: publicKey, tags: tagsFor(input.TagSpecifications, 'key-pair') })
  return {
    KeyName: name,
    KeyPairId: r.id,
    KeyFingerprint: r.attrs.fingerprint as string,
    KeyMaterial: privateKey,
    Tags: tagsToList(r.tags),
  }
}

export function importKeyPair(call: AwsCall, input: ImportKeyPairRequest): ImportKeyPairResult {
  const name = requireNewName(call, input.KeyName)
  const material = input.PublicKeyMaterial
    ? Buffer.from(input.PublicKeyMaterial as unknown as string, 'base64').toString('utf8')
    : ''
  if (!/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-\S+) /.test(material)) {
    throw new AwsError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format')
  }
  const r = putKeyPair(call, { name, material, tags: tagsFor(input.TagSpecifications, 'key-pair') })
  return { KeyName: name, KeyPairId: r.id, KeyFingerprint: r.attrs.fingerprint as string, Tags: tagsToList(r.tags) }
}

export function deleteKeyPair(call: AwsCall, input: DeleteKeyPairRequest): DeleteKeyPairResult {
  // AWS answers success for a name that does not exist; so do we.
  const k = input.KeyPairId
    ? listResources(call, keyPairKind.type).find((x) => x.id === input.KeyPairId)
    : byName(call, input.KeyName)
  if (k) removeResource(call, k)
  return { Return: true, KeyPairId: k?.id }
}
