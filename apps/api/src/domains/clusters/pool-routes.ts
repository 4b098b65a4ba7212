import { clusterSchema, machinePoolEditSchema } from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { editMachinePool } from './pool-edit.ts'
import { getCluster } from './service.ts'

/** Day-2 changes of a cluster's node pools. */
export const clusterPoolRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.put(
    '/v1/spectroclusters/:uid/machinepools/:name',
    {
      config: { permission: 'clusters.write' },
      schema: {
        tags: ['clusters'],
        summary: "Edit a Running cluster's worker pool: size, labels, taints (applied in place by the cloud)",
        description:
          'The whole new value of each field. The cluster goes Provisioning while the cloud applies the change (events say what changes) and Running again when it is done. 409 unless the cluster is Running; 422 when the edited pool breaks its rules.',
        params: z.object({ uid: z.string(), name: z.string() }),
        body: machinePoolEditSchema,
        response: { 200: clusterSchema },
      },
    },
    async (request) => {
      await editMachinePool(deps, request.ctx, request.params.uid, request.params.name, request.body)
      return getCluster(deps, request.ctx, request.params.uid)
    },
  )
}
