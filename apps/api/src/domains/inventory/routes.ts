import {
  awsInstanceTypeListSchema,
  awsKeyPairListSchema,
  awsVpcListSchema,
  cloudRegionListSchema,
  cloudZoneListSchema,
  inventoryAccountQuerySchema,
  inventoryRegionParamsSchema,
  inventoryRegionQuerySchema,
  tencentInstanceTypeListSchema,
  tencentInstanceTypesQuerySchema,
  tencentKeyPairListSchema,
  tencentSecurityGroupListSchema,
  tencentVpcListSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Deps } from '../../lib/deps.ts'
import {
  listAwsAvailabilityZones,
  listAwsInstanceTypes,
  listAwsKeyPairs,
  listAwsRegions,
  listAwsVpcs,
  listTencentInstanceTypes,
  listTencentKeyPairs,
  listTencentRegions,
  listTencentSecurityGroups,
  listTencentVpcs,
  listTencentZones,
} from './service.ts'

const tags = ['inventory']
/** Reading a cloud's inventory through an account is reading the account. */
const config = { permission: 'cloudaccounts.read' as const }

/** Cloud inventory for the cluster wizard (palette-api.md "Cloud inventory"); every read takes `?cloudAccountUid=`. */
export const inventoryRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- Tencent ----
  app.get(
    '/v1/clouds/tencent/regions',
    { config, schema: { tags, querystring: inventoryAccountQuerySchema, response: { 200: cloudRegionListSchema } } },
    async (request) => listTencentRegions(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/tencent/regions/:region/zones',
    {
      config,
      schema: {
        tags,
        params: inventoryRegionParamsSchema,
        querystring: inventoryAccountQuerySchema,
        response: { 200: cloudZoneListSchema },
      },
    },
    async (request) => listTencentZones(deps, request.ctx, request.query, request.params.region),
  )
  app.get(
    '/v1/clouds/tencent/vpcs',
    { config, schema: { tags, querystring: inventoryRegionQuerySchema, response: { 200: tencentVpcListSchema } } },
    async (request) => listTencentVpcs(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/tencent/keypairs',
    { config, schema: { tags, querystring: inventoryRegionQuerySchema, response: { 200: tencentKeyPairListSchema } } },
    async (request) => listTencentKeyPairs(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/tencent/instancetypes',
    {
      config,
      schema: {
        tags,
        summary: 'Instance types of a zone with on-demand and spot prices (CNY/h); cpuGtEq, memoryGtEq (GiB), gpuGtEq',
        querystring: tencentInstanceTypesQuerySchema,
        response: { 200: tencentInstanceTypeListSchema },
      },
    },
    async (request) => listTencentInstanceTypes(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/tencent/securitygroups',
    {
      config,
      schema: { tags, querystring: inventoryRegionQuerySchema, response: { 200: tencentSecurityGroupListSchema } },
    },
    async (request) => listTencentSecurityGroups(deps, request.ctx, request.query),
  )

  // ---- AWS ----
  app.get(
    '/v1/clouds/aws/regions',
    { config, schema: { tags, querystring: inventoryAccountQuerySchema, response: { 200: cloudRegionListSchema } } },
    async (request) => listAwsRegions(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/aws/regions/:region/availabilityzones',
    {
      config,
      schema: {
        tags,
        params: inventoryRegionParamsSchema,
        querystring: inventoryAccountQuerySchema,
        response: { 200: cloudZoneListSchema },
      },
    },
    async (request) => listAwsAvailabilityZones(deps, request.ctx, request.query, request.params.region),
  )
  app.get(
    '/v1/clouds/aws/vpcs',
    { config, schema: { tags, querystring: inventoryRegionQuerySchema, response: { 200: awsVpcListSchema } } },
    async (request) => listAwsVpcs(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/aws/keypairs',
    { config, schema: { tags, querystring: inventoryRegionQuerySchema, response: { 200: awsKeyPairListSchema } } },
    async (request) => listAwsKeyPairs(deps, request.ctx, request.query),
  )
  app.get(
    '/v1/clouds/aws/instancetypes',
    {
      config,
      schema: {
        tags,
        summary: 'Instance types of a region with their AZs and on-demand price (USD/h, null when unknown)',
        querystring: inventoryRegionQuerySchema,
        response: { 200: awsInstanceTypeListSchema },
      },
    },
    async (request) => listAwsInstanceTypes(deps, request.ctx, request.query),
  )
}
