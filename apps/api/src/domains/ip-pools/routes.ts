import {
  createdSchema,
  ipPoolBodySchema,
  ipPoolListSchema,
  ipPoolParamsSchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { createIpPool, deleteIpPool, listIpPools, updateIpPool } from './service.ts'

const tags = ['overlords']
const read = { permission: 'gateways.read' as const }
const manage = { permission: 'gateways.manage' as const }

/**
 * IP pools of a Private Cloud Gateway (palette-api.md; decision 011): tenant-wide like their gateway.
 * The body's shape is checked by zod (400); the pool rules by `checkIpPool` (422 with every problem).
 */
export const ipPoolRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/overlords/vsphere/:uid/pools',
    {
      config: read,
      schema: {
        tags,
        summary: "The gateway's IP pools, with the addresses in use and the clusters holding them",
        params: uidParamsSchema,
        response: { 200: ipPoolListSchema },
      },
    },
    async (request) => listIpPools(deps, request.ctx, request.params.uid),
  )
  app.post(
    '/v1/overlords/vsphere/:uid/pools',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an IP pool (a Range or a Subnet) on the gateway',
        params: uidParamsSchema,
        body: ipPoolBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIpPool(deps, request.ctx, request.params.uid, request.body)),
  )
  app.put(
    '/v1/overlords/vsphere/:uid/pools/:poolUid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change an IP pool; it may not leave out addresses in use',
        params: ipPoolParamsSchema,
        body: ipPoolBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await updateIpPool(deps, request.ctx, request.params.uid, request.params.poolUid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/overlords/vsphere/:uid/pools/:poolUid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an IP pool; refused while addresses are in use',
        params: ipPoolParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteIpPool(deps, request.ctx, request.params.uid, request.params.poolUid)
      return reply.status(204).send(null)
    },
  )
}
