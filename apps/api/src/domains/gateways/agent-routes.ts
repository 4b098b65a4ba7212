import {
  gatewayHeartbeatSchema,
  gatewayPairedSchema,
  gatewayPairSchema,
  gatewayTaskEventSchema,
  gatewayTaskListSchema,
  gatewayTaskPollQuerySchema,
  gatewayTaskResultSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import { onTaskFinished, resumeGatewayClusters } from '../vsphere/wake-ups.ts'
import { authenticateAgent, pairGateway } from './pairing.ts'
import { recordHeartbeat } from './service.ts'
import { pollTasks, recordTaskEvent, recordTaskResult } from './task-queue.ts'

const tags = ['overlords-agent']
/** Not a user route: the PIN or the agent's own credential is the authentication (checked in the handler). */
const agent = { public: true }
const noContent = { 204: z.null() }
const taskParams = z.object({ id: z.string().min(1) })

/** The gateway agent's side of the API (decision 011): every connection is opened by the agent. */
export const gatewayAgentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/overlords/pair',
    {
      config: agent,
      schema: {
        tags,
        summary: "The agent's registration with a pairing code; answers its credential (shown once)",
        security: [],
        body: gatewayPairSchema,
        response: { 201: gatewayPairedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await pairGateway(deps, request.body, request.id)),
  )
  app.post(
    '/v1/overlords/agent/heartbeat',
    { config: agent, schema: { tags, body: gatewayHeartbeatSchema, response: noContent } },
    async (request, reply) => {
      const gateway = await authenticateAgent(deps, request.headers.authorization)
      if ((await recordHeartbeat(deps, gateway, request.body)) === 'Running')
        await resumeGatewayClusters(deps, gateway.id)
      return reply.status(204).send(null)
    },
  )
  app.get(
    '/v1/overlords/agent/tasks',
    {
      config: agent,
      schema: {
        tags,
        summary: 'Long poll: tasks leased to this agent as soon as there are any, none after the wait',
        querystring: gatewayTaskPollQuerySchema,
        response: { 200: gatewayTaskListSchema },
      },
    },
    async (request) => {
      const gateway = await authenticateAgent(deps, request.headers.authorization)
      return pollTasks(deps, gateway.id, request.query.waitSeconds)
    },
  )
  app.post(
    '/v1/overlords/agent/tasks/:id/events',
    { config: agent, schema: { tags, params: taskParams, body: gatewayTaskEventSchema, response: noContent } },
    async (request, reply) => {
      const gateway = await authenticateAgent(deps, request.headers.authorization)
      await recordTaskEvent(deps, gateway.id, request.params.id, request.body)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/v1/overlords/agent/tasks/:id/result',
    { config: agent, schema: { tags, params: taskParams, body: gatewayTaskResultSchema, response: noContent } },
    async (request, reply) => {
      const gateway = await authenticateAgent(deps, request.headers.authorization)
      await recordTaskResult(deps, gateway.id, request.params.id, request.body, onTaskFinished)
      return reply.status(204).send(null)
    },
  )
}
