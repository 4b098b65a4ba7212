import {
  gatewayAccountSchema,
  gatewayCloudConfigSchema,
  gatewayDeletedSchema,
  gatewayEventListSchema,
  gatewayInstallerSchema,
  gatewayListSchema,
  gatewaySchema,
  PLACEMENT_PROPERTIES,
  pairingCodeSchema,
  placementPropertyListSchema,
  placementPropertyQuerySchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { issuePairingCode } from './pairing.ts'
import { listPlacementProperty, saveGatewayAccount, saveGatewayCloudConfig } from './provisioning.ts'
import {
  deleteGateway,
  getGateway,
  installerInfo,
  listGatewayEvents,
  listGateways,
  resetGateway,
  sweepGatewayHealth,
  upgradeGateway,
} from './service.ts'

const tags = ['overlords']
const read = { permission: 'gateways.read' as const }
const manage = { permission: 'gateways.manage' as const }
const noContent = { 204: z.null() }

/**
 * Private Cloud Gateways as users see them (palette-api.md "Private Cloud Gateways"; decision 011):
 * tenant-wide, managed by a Tenant Admin. The agent's own routes are in agent-routes.ts.
 */
export const gatewayRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // A Running gateway whose agent stopped heartbeating becomes Unhealthy (every API instance sweeps; the
  // update is conditional, so they agree).
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      sweepGatewayHealth(deps).catch((error) => app.log.warn({ err: error }, 'gateway health sweep failed'))
    }, deps.config.gateways.healthSweepSeconds * 1000)
    timer.unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))

  app.get(
    '/v1/overlords/pairing/code',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A single-use pairing code (PIN) for a new gateway agent, valid 15 minutes',
        querystring: z.object({ cloudType: z.literal('vsphere').default('vsphere') }),
        response: { 200: pairingCodeSchema },
      },
    },
    async (request) => issuePairingCode(deps, request.ctx),
  )
  app.get(
    '/v1/overlords/vsphere/ova',
    {
      config: manage,
      schema: { tags, summary: 'How to get and start the gateway agent', response: { 200: gatewayInstallerSchema } },
    },
    async (request) => installerInfo(deps, `${request.protocol}://${request.host}`),
  )
  app.get(
    '/v1/overlords',
    {
      config: read,
      schema: { tags, summary: 'Gateways of the tenant, with health', response: { 200: gatewayListSchema } },
    },
    async (request) => listGateways(deps, request.ctx),
  )
  app.get(
    '/v1/overlords/:uid',
    { config: read, schema: { tags, params: uidParamsSchema, response: { 200: gatewaySchema } } },
    async (request) => getGateway(deps, request.ctx, request.params.uid),
  )
  app.get(
    '/v1/overlords/:uid/events',
    {
      config: read,
      schema: {
        tags,
        summary: "The gateway's timeline",
        params: uidParamsSchema,
        response: { 200: gatewayEventListSchema },
      },
    },
    async (request) => listGatewayEvents(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/overlords/:uid/reset',
    {
      config: manage,
      schema: { tags, summary: 'Back to Pending, to reconfigure', params: uidParamsSchema, response: noContent },
    },
    async (request, reply) => {
      await resetGateway(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: '/v1/overlords/:uid/upgrade',
      config: manage,
      schema: { tags, summary: 'Apply the newer agent version', params: uidParamsSchema, response: noContent },
      handler: async (request, reply) => {
        await upgradeGateway(deps, request.ctx, request.params.uid)
        return reply.status(204).send(null)
      },
    })
    app.route({
      method,
      url: '/v1/overlords/vsphere/:uid/account',
      config: manage,
      schema: {
        tags,
        summary: 'vCenter credentials of the gateway, validated by its agent',
        params: uidParamsSchema,
        body: gatewayAccountSchema,
        response: noContent,
      },
      handler: async (request, reply) => {
        await saveGatewayAccount(deps, request.ctx, request.params.uid, request.body)
        return reply.status(204).send(null)
      },
    })
    app.route({
      method,
      url: '/v1/overlords/vsphere/:uid/cloudconfig',
      config: manage,
      schema: {
        tags,
        summary: 'Placement and size of the gateway: POST provisions a Pending gateway, PUT resizes (1 → 3)',
        params: uidParamsSchema,
        body: gatewayCloudConfigSchema,
        response: noContent,
      },
      handler: async (request, reply) => {
        await saveGatewayCloudConfig(deps, request.ctx, request.params.uid, request.body, method)
        return reply.status(204).send(null)
      },
    })
  }
  app.delete(
    '/v1/overlords/:uid',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a gateway (refused while live clusters use it)',
        params: uidParamsSchema,
        response: { 200: gatewayDeletedSchema },
      },
    },
    async (request) => deleteGateway(deps, request.ctx, request.params.uid),
  )
  app.get(
    '/v1/overlords/vsphere/:uid/properties/:property',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Placement choices from vCenter, asked through the gateway',
        params: uidParamsSchema.extend({ property: z.enum(PLACEMENT_PROPERTIES) }),
        querystring: placementPropertyQuerySchema,
        response: { 200: placementPropertyListSchema },
      },
    },
    async (request) =>
      listPlacementProperty(deps, request.ctx, request.params.uid, request.params.property, request.query),
  )
}
