// Offline stand-in for `prisma migrate dev|deploy` (Prisma 7): drives Prisma's own WASM schema engine
// through a driver adapter, so no native schema-engine binary (which cannot be downloaded here) is needed.
// It writes the same prisma/migrations/<ts>_<name>/migration.sql files and keeps the same
// _prisma_migrations table as the CLI, so `prisma migrate deploy` stays usable wherever the CLI works.
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'

const require = createRequire(import.meta.url)
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const SCHEMA = path.join(repoRoot, 'prisma/schema.prisma')
const MIGRATIONS = path.join(repoRoot, 'prisma/migrations')
const filters = { externalTables: [], externalEnums: [] }

;(globalThis as any).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    console.error('schema-engine panic:', message)
  },
}

// pglite-prisma-adapter@0.7.2 does not await client.exec() in executeScript(): failing SQL would be
// recorded as applied. Patch the connected adapters so errors surface.
function safePGlite(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(db)
  const patch = (adapter: any) => {
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.client.exec(script)
      } catch (error) {
        adapter.onError(error)
      }
    }
    return adapter
  }
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  }
}

// One WebAssembly instance per process. The wasm-bindgen glue is a module singleton that caches views of
// the instance's memory; a second instance would be read through the first one's stale views (garbled
// strings: "The encoded data was not valid for encoding utf-8"), so every engine shares this one.
let wasmRuntime: Promise<any> | undefined
function loadWasm(): Promise<any> {
  wasmRuntime ??= instantiateWasm().catch((error) => {
    wasmRuntime = undefined
    throw error
  })
  return wasmRuntime
}

async function instantiateWasm(): Promise<any> {
  const runtime: any = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const wasmPath = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
    'schema_engine_bg.wasm',
  )
  // TS's ES libs do not declare WebAssembly (only lib.dom does); Node has it globally.
  const wasm = (globalThis as any).WebAssembly
  const instance = new wasm.Instance(new wasm.Module(await readFile(wasmPath)), {
    './schema_engine_bg.js': runtime,
  })
  runtime.__wbg_set_wasm(instance.exports)
  ;(instance.exports as any).__wbindgen_start()
  return runtime
}

async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, fn: (engine: any) => Promise<T>) {
  const runtime = await loadWasm()
  const engine = await runtime.SchemaEngine.new(
    { datamodels: undefined },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  )
  try {
    return await fn(engine)
  } finally {
    engine.free()
  }
}

async function migrationList() {
  const dirs = existsSync(MIGRATIONS)
    ? (await readdir(MIGRATIONS, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : []
  const lock = path.join(MIGRATIONS, 'migration_lock.toml')
  return {
    baseDir: MIGRATIONS,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? await readFile(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok', value: await readFile(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  }
}

/** Apply every pending migration in prisma/migrations to the database at `connectionString`. */
export async function applyMigrations(options: { connectionString: string }): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 })
  try {
    const list = await migrationList()
    const out: { appliedMigrationNames: string[] } = await withEngine(new PrismaPg(pool), (engine) =>
      engine.applyMigrations({ migrationsList: list, filters }),
    )
    return out.appliedMigrationNames
  } finally {
    await pool.end().catch(() => {})
  }
}

/**
 * Diff prisma/migrations against prisma/schema.prisma (throwaway in-memory PGlite as the shadow database)
 * and write the difference as a new migration. Returns its directory, or undefined when nothing changed.
 */
export async function createMigration(options: { name: string }): Promise<string | undefined> {
  const files = [{ path: SCHEMA, content: await readFile(SCHEMA, 'utf8') }]
  const list = await migrationList()
  const shadow = new PGlite()
  const sql: string | undefined = await withEngine(safePGlite(shadow), async (engine) => {
    if (list.migrationDirectories.length) await engine.applyMigrations({ migrationsList: list, filters })
    const diff = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(SCHEMA) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters,
    })
    return diff.exitCode === 0 ? undefined : (diff.stdout ?? undefined)
  })
  await shadow.close()
  if (!sql) return undefined
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const dir = path.join(MIGRATIONS, `${stamp}_${options.name}`)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'migration.sql'), sql)
  await writeFile(
    path.join(MIGRATIONS, 'migration_lock.toml'),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  )
  return dir
}
