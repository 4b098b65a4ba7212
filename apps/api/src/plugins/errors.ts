import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError } from '../lib/errors.ts'

/**
 * One place maps every failure to the API's error body `{code, message, details?, ref}`.
 * 4xx keep their message; 5xx are logged with their cause and answered without internals.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const ref = request.id
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message)
      return reply.status(error.status).send({ code: error.code, message: error.message, details: error.details, ref })
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body'
      const details = error.validation.map((v) => ({
        in: where,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'Invalid value',
      }))
      const first = details[0]
      return reply.status(400).send({
        code: 'ValidationError',
        message: first ? `Invalid request ${where}: ${first.path || where}: ${first.message}` : 'Invalid request',
        details,
        ref,
      })
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
      return reply.status(500).send({ code: 'InternalError', message: 'Internal error', ref })
    }
    const status = error.statusCode ?? 500
    if (status === 429) {
      return reply
        .status(429)
        .send({ code: 'TooManyRequests', message: 'Too many requests. Slow down and retry.', ref })
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, body too large.
      const code = status === 415 ? 'UnsupportedMediaType' : status === 413 ? 'PayloadTooLarge' : 'BadRequest'
      return reply.status(status).send({ code, message: error.message, ref })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send({ code: 'InternalError', message: 'Internal error', ref })
  })
})
