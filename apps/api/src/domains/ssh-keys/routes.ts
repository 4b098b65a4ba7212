import {
  createdSchema,
  listQuerySchema,
  sshKeyBodySchema,
  sshKeyListSchema,
  sshKeySchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { createSshKey, deleteSshKey, getSshKey, listSshKeys, updateSshKey } from './service.ts'

const tags = ['sshkeys']
const read = { permission: 'sshkeys.read' as const }
const write = { permission: 'sshkeys.write' as const }

/** SSH public keys (palette-api.md "SSH keys"), scoped like cloud accounts. */
export const sshKeyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/users/assets/sshkeys',
    {
      config: read,
      schema: {
        tags,
        summary: 'SSH keys of the scope (and tenant-wide ones)',
        querystring: listQuerySchema,
        response: { 200: sshKeyListSchema },
      },
    },
    async (request) => listSshKeys(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/users/assets/sshkeys',
    {
      config: write,
      schema: {
        tags,
        summary: 'Register an OpenSSH public key (ssh-ed25519, ssh-rsa ≥ 2048 bits, ecdsa-sha2-nistp256/384/521)',
        body: sshKeyBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createSshKey(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/users/assets/sshkeys/:uid',
    { config: read, schema: { tags, params: uidParamsSchema, response: { 200: sshKeySchema } } },
    async (request) => getSshKey(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/users/assets/sshkeys/:uid',
    {
      config: write,
      schema: { tags, params: uidParamsSchema, body: sshKeyBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await updateSshKey(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/users/assets/sshkeys/:uid',
    { config: write, schema: { tags, params: uidParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSshKey(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
}
