import {
  awsAccountBodySchema,
  awsAccountListSchema,
  awsAccountSchema,
  awsAccountSpecSchema,
  awsAccountUpdateBodySchema,
  cloudAccountListQuerySchema,
  createdSchema,
  ipPoolListSchema,
  tencentAccountBodySchema,
  tencentAccountListSchema,
  tencentAccountSchema,
  tencentAccountSpecSchema,
  tencentAccountUpdateBodySchema,
  uidParamsSchema,
  vsphereAccountBodySchema,
  vsphereAccountListSchema,
  vsphereAccountSchema,
  vsphereAccountUpdateBodySchema,
  vsphereAccountValidateBodySchema,
  vspherePropertyKinds,
  vspherePropertyListSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import {
  createAwsAccount,
  createTencentAccount,
  createVsphereAccount,
  deleteAwsAccount,
  deleteTencentAccount,
  deleteVsphereAccount,
  getAwsAccount,
  getTencentAccount,
  getVsphereAccount,
  listAwsAccounts,
  listTencentAccounts,
  listVsphereAccountIpPools,
  listVsphereAccountProperty,
  listVsphereAccounts,
  updateAwsAccount,
  updateTencentAccount,
  updateVsphereAccount,
  validateAwsCredentials,
  validateTencentCredentials,
  validateVsphereCredentials,
} from './service.ts'

const tags = ['cloudaccounts']
const read = { permission: 'cloudaccounts.read' as const }
const write = { permission: 'cloudaccounts.write' as const }
const noContent = { 204: z.null() }

/**
 * Cloud accounts (palette-api.md "Cloud accounts"). A create in a project scope makes a project
 * account; in tenant scope a tenant-wide one, visible in every project. Secrets are write-only.
 */
export const cloudAccountRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- Tencent ----
  app.get(
    '/v1/cloudaccounts/tencent',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tencent accounts of the scope (and tenant-wide ones); `scope=all`: every account (Tenant Admin)',
        querystring: cloudAccountListQuerySchema,
        response: { 200: tencentAccountListSchema },
      },
    },
    async (request) => listTencentAccounts(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/cloudaccounts/tencent',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a Tencent account (the credentials are validated first)',
        body: tencentAccountBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createTencentAccount(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/cloudaccounts/tencent/:uid',
    { config: read, schema: { tags, params: uidParamsSchema, response: { 200: tencentAccountSchema } } },
    async (request) => getTencentAccount(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/cloudaccounts/tencent/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Update a Tencent account; an omitted Secret Key keeps the stored one',
        params: uidParamsSchema,
        body: tencentAccountUpdateBodySchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await updateTencentAccount(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/cloudaccounts/tencent/:uid',
    { config: write, schema: { tags, params: uidParamsSchema, response: noContent } },
    async (request, reply) => {
      await deleteTencentAccount(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/v1/clouds/tencent/account/validate',
    {
      config: write,
      schema: {
        tags,
        summary: 'Check Tencent credentials: 204 when they work, an error naming the cause otherwise',
        body: tencentAccountSpecSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await validateTencentCredentials(deps, request.ctx, request.body)
      return reply.status(204).send(null)
    },
  )

  // ---- AWS ----
  app.get(
    '/v1/cloudaccounts/aws',
    {
      config: read,
      schema: {
        tags,
        summary: 'AWS accounts of the scope (and tenant-wide ones); `scope=all`: every account (Tenant Admin)',
        querystring: cloudAccountListQuerySchema,
        response: { 200: awsAccountListSchema },
      },
    },
    async (request) => listAwsAccounts(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/cloudaccounts/aws',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create an AWS account (the credentials are validated first)',
        body: awsAccountBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createAwsAccount(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/cloudaccounts/aws/:uid',
    { config: read, schema: { tags, params: uidParamsSchema, response: { 200: awsAccountSchema } } },
    async (request) => getAwsAccount(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/cloudaccounts/aws/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Update an AWS account; an omitted Secret Key keeps the stored one',
        params: uidParamsSchema,
        body: awsAccountUpdateBodySchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await updateAwsAccount(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/cloudaccounts/aws/:uid',
    { config: write, schema: { tags, params: uidParamsSchema, response: noContent } },
    async (request, reply) => {
      await deleteAwsAccount(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/v1/clouds/aws/account/validate',
    {
      config: write,
      schema: {
        tags,
        summary: 'Check AWS credentials: 204 when they work, an error naming the cause otherwise',
        body: awsAccountSpecSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await validateAwsCredentials(deps, request.ctx, request.body)
      return reply.status(204).send(null)
    },
  )

  // ---- vSphere (through the Private Cloud Gateway named in metadata.annotations.overlordUid) ----
  app.get(
    '/v1/cloudaccounts/vsphere',
    {
      config: read,
      schema: {
        tags,
        summary: 'vSphere accounts of the scope (and tenant-wide ones, such as those created with gateways)',
        querystring: cloudAccountListQuerySchema,
        response: { 200: vsphereAccountListSchema },
      },
    },
    async (request) => listVsphereAccounts(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/cloudaccounts/vsphere',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a vSphere account, validated through its Private Cloud Gateway (which must be Running)',
        body: vsphereAccountBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createVsphereAccount(deps, request.ctx, request.body)),
  )
  app.get(
    '/v1/cloudaccounts/vsphere/:uid',
    { config: read, schema: { tags, params: uidParamsSchema, response: { 200: vsphereAccountSchema } } },
    async (request) => getVsphereAccount(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/cloudaccounts/vsphere/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Update a vSphere account; an omitted Password keeps the stored one (same server and user)',
        params: uidParamsSchema,
        body: vsphereAccountUpdateBodySchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await updateVsphereAccount(deps, request.ctx, request.params.uid, request.body)
      return reply.status(204).send(null)
    },
  )
  app.delete(
    '/v1/cloudaccounts/vsphere/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: "Delete a vSphere account (409 while clusters use it, or for a gateway's own account)",
        params: uidParamsSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await deleteVsphereAccount(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/v1/overlords/vsphere/:uid/account/validate',
    {
      config: write,
      schema: {
        tags,
        summary: "Check vCenter credentials through a Running gateway's agent: 204, or an error naming the cause",
        params: uidParamsSchema,
        body: vsphereAccountValidateBodySchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await validateVsphereCredentials(deps, request.ctx, request.params.uid, request.body.account)
      return reply.status(204).send(null)
    },
  )
  app.get(
    '/v1/cloudaccounts/vsphere/:uid/properties/:what',
    {
      config: read,
      schema: {
        tags,
        summary:
          "The account's placement drop-downs from vCenter, through its gateway: computeclusters and folders need `datacenter`; datastores, networks and resourcepools also `computecluster`",
        params: uidParamsSchema.extend({ what: z.enum(vspherePropertyKinds) }),
        querystring: z.object({ datacenter: z.string().optional(), computecluster: z.string().optional() }),
        response: { 200: vspherePropertyListSchema },
      },
    },
    async (request) =>
      listVsphereAccountProperty(deps, request.ctx, request.params.uid, request.params.what, request.query),
  )
  app.get(
    '/v1/cloudaccounts/vsphere/:uid/ippools',
    {
      config: read,
      schema: {
        tags,
        summary: "The IP pools of the account's gateway (Static IP placement domains)",
        params: uidParamsSchema,
        response: { 200: ipPoolListSchema },
      },
    },
    async (request) => listVsphereAccountIpPools(deps, request.ctx, request.params.uid),
  )
}
