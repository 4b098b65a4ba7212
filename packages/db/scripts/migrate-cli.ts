// `pnpm db:migrate` (deploy) and `pnpm db:migration:new <name>` (dev).
// Without DATABASE_URL, deploy migrates the embedded database under ./.data (the console's default).
import 'dotenv/config'
import { createMigration } from '../src/migrate.ts'
import { openDatabase } from '../src/open-database.ts'

const [command, name] = process.argv.slice(2)
if (command === 'dev') {
  const dir = await createMigration({ name: name ?? 'migration' })
  console.log(dir ? `Created ${dir}` : 'No schema changes.')
} else if (command === 'deploy') {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR })
  console.log(
    `Migrated ${db.mode === 'embedded' ? `embedded database in ${db.dataDir}` : 'DATABASE_URL'}:`,
    db.appliedMigrations,
  )
  await db.close()
} else {
  console.error('usage: migrate-cli.ts dev <name> | deploy')
  process.exit(2)
}
// The WASM schema engine leaves a socket or timer alive for ~10 s; nothing else is pending here.
process.exit(0)
