import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const API_PREFIXES = ['/v1/', '/healthz', '/readyz']

/**
 * In production the API serves the built SPA on its own port: static assets, and index.html for any
 * other GET that a browser navigates to (client-side routes). API paths keep their JSON 404.
 */
export const webPlugin = fp(async (app: FastifyInstance, opts: { distDir: string }) => {
  const hasWeb = existsSync(path.join(opts.distDir, 'index.html'))
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app (new hashed names) is served without a restart.
    await app.register(fastifyStatic, { root: opts.distDir, wildcard: true, index: false })
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
      reply.sendFile('index.html'),
    )
  } else {
    app.log.warn({ distDir: opts.distDir }, 'web app not built: run `pnpm --filter @console/web build` to serve the UI')
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p))
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')
    if (hasWeb && !isApi && wantsPage) return reply.type('text/html').sendFile('index.html')
    return reply.status(404).send({
      code: 'NotFound',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
      ref: request.id,
    })
  })
})
