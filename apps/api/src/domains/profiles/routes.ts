import {
  clusterProfileBodySchema,
  clusterProfileCloneBodySchema,
  clusterProfileCreateQuerySchema,
  clusterProfileListQuerySchema,
  clusterProfileSchema,
  createdSchema,
  listOf,
  profileValidationSchema,
  uidParamsSchema,
} from '@console/contracts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../../lib/deps.ts'
import {
  cloneClusterProfile,
  createClusterProfile,
  deleteClusterProfile,
  getClusterProfile,
  listClusterProfiles,
  publishClusterProfile,
  updateClusterProfile,
  validateClusterProfile,
} from './service.ts'

const tags = ['clusterprofiles']
const read = { permission: 'profiles.read' } as const
const write = { permission: 'profiles.write' } as const
const scopeNote =
  'Created with a `ProjectUid` header, a profile belongs to that project; without one it is tenant-wide. ' +
  'A project scope sees its own profiles and the tenant-wide ones; tenant scope sees the tenant-wide ones.'
const validatorNote =
  'The body is checked by the same validator the profile editor runs in the browser (layers, catalog packs, ' +
  'values schema, TKE rules); when it finds problems nothing is written and the answer is 422 ' +
  '`UnprocessableEntity` whose `details` is the validation answer of POST /v1/clusterprofiles/validate. ' +
  'A name and version already taken in the scope answers 409 `AlreadyExists`.'

export const profileRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/clusterprofiles',
    {
      config: read,
      schema: {
        tags,
        summary: 'Cluster profiles visible in the scope, filtered by cloudType and type',
        description: scopeNote,
        querystring: clusterProfileListQuerySchema,
        response: { 200: listOf(clusterProfileSchema) },
      },
    },
    async (request) => listClusterProfiles(deps, request.ctx, request.query),
  )
  app.post(
    '/v1/clusterprofiles',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a cluster profile version (a draft, or published with ?publish=true)',
        description: `${scopeNote} ${validatorNote} A pack sent without \`values\` is stored with its catalog defaults.`,
        querystring: clusterProfileCreateQuerySchema,
        body: clusterProfileBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createClusterProfile(deps, request.ctx, request.body, request.query)),
  )
  app.post(
    '/v1/clusterprofiles/validate',
    {
      config: read,
      schema: {
        tags,
        summary: 'Check a cluster profile without saving it: every problem at once, per pack',
        description:
          'Answers 200 with the validation answer (`valid` false when there are problems) whatever the rules say; ' +
          '400 only when the body is not a cluster profile body. Saves nothing, so reading profiles is enough.',
        body: clusterProfileBodySchema,
        response: { 200: profileValidationSchema },
      },
    },
    async (request) => validateClusterProfile(request.body),
  )
  app.get(
    '/v1/clusterprofiles/:uid',
    {
      config: read,
      schema: {
        tags,
        summary: 'One cluster profile version',
        params: uidParamsSchema,
        response: { 200: clusterProfileSchema },
      },
    },
    async (request) => getClusterProfile(deps, request.ctx, request.params.uid),
  )
  app.put(
    '/v1/clusterprofiles/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a draft (204), or derive a new version from a published one (201 {uid})',
        description:
          `A draft is changed in place and the answer is 204. A published version is immutable: the PUT leaves it ` +
          `unchanged and creates a new draft version of the same name with the body's contents, answering 201 with ` +
          `its uid. The new version is the body's \`spec.version\` when it is higher than every existing version of ` +
          `the name and free, otherwise the highest existing version with its patch bumped (1.0.0 → 1.0.1). A ` +
          `published profile keeps its name (409 \`InvalidState\` on a rename: clone it instead). ` +
          `Tenant-wide profiles are changed in tenant scope only. ${validatorNote}`,
        params: uidParamsSchema,
        body: clusterProfileBodySchema,
        response: { 201: createdSchema, 204: z.null() },
      },
    },
    async (request, reply) => {
      const created = await updateClusterProfile(deps, request.ctx, request.params.uid, request.body)
      return created ? reply.status(201).send(created) : reply.status(204).send(null)
    },
  )
  app.patch(
    '/v1/clusterprofiles/:uid/publish',
    {
      config: write,
      schema: {
        tags,
        summary: 'Publish a draft version, making it immutable',
        description:
          'Checks the draft again against the current catalog (422 with the validation answer when it no longer ' +
          'validates). Publishing a published version changes nothing. Answers 204.',
        params: uidParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await publishClusterProfile(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/v1/clusterprofiles/:uid/clone',
    {
      config: write,
      schema: {
        tags,
        summary: 'Clone: body {metadata{name, description?}, spec{version?}} → 201 {uid} of a new draft',
        description:
          'Copies the layers of a visible profile (a tenant-wide one can be cloned into a project) into the ' +
          "request's scope as a new draft named `metadata.name`, with `spec.version` or else the source's version, " +
          "and `metadata.description` or else the source's. 409 `AlreadyExists` when that name and version are taken.",
        params: uidParamsSchema,
        body: clusterProfileCloneBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cloneClusterProfile(deps, request.ctx, request.params.uid, request.body)),
  )
  app.delete(
    '/v1/clusterprofiles/:uid',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a cluster profile version (409 InUse while a live cluster deploys it)',
        params: uidParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteClusterProfile(deps, request.ctx, request.params.uid)
      return reply.status(204).send(null)
    },
  )
}
