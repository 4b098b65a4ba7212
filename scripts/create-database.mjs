// Create (or re-create) an empty database next to DATABASE_URL's, for a test run that needs a clean one.
import pg from 'pg'

const name = process.argv[2]
if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error('usage: create-database.mjs <name>')
const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
await client.connect()
await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
await client.query(`CREATE DATABASE ${name}`)
await client.end()
