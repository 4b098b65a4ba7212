import { applyMigrations } from '@console/db/migrate'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

/**
 * With DATABASE_URL (CI and .ci/run): migrate one template database once; each test file then clones it
 * (CREATE DATABASE … TEMPLATE …), which takes milliseconds. Without DATABASE_URL every file starts its
 * own embedded PGlite instead (slower, zero set-up).
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL
  if (!base) return
  const template = `console_tpl_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${template}`)
  await admin.query(`CREATE DATABASE ${template}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${template}`
  await applyMigrations({ connectionString: url.toString() })
  project.provide('templateDatabase', template)
  return async () => {
    const c = new pg.Client({ connectionString: base })
    await c.connect()
    const dbs = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'console_t%_${process.pid}%'`)
    for (const row of dbs.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`)
    await c.end()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase?: string
  }
}
