import { packListQuerySchema, packSchema } from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { listPacks } from './service.ts'

const tags = ['packs']

export const packRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app) => {
  app.get(
    '/v1/packs',
    {
      config: { permission: 'profiles.read' },
      schema: {
        tags,
        summary: 'The pack catalog',
        description:
          'Every pack version the profile editor can use, in stack order (os, k8s, cni, csi, add-ons). Filter with ' +
          'separate query parameters `layer=os`, `cloudType=tencent` (packs that run on `all` clouds are included) and ' +
          "`name=postgresql`, or with Palette's `filters` text: `filters=layer=os AND cloudType=tencent` (terms joined " +
          'by ` AND ` or commas; `spec.layer`, `spec.cloudTypes`, `cloudTypes` and `spec.name` are accepted too). A ' +
          'separate parameter wins over the same key in `filters`; an unknown filter term answers 400. Not paginated: ' +
          'the catalog is small.',
        querystring: packListQuerySchema,
        response: { 200: z.object({ items: z.array(packSchema) }) },
      },
    },
    async (request) => listPacks(request.query),
  )
}
