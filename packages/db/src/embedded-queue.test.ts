import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Database, openDatabase } from './open-database.ts'

let db: Database
let dataDir: string
const clients: pg.Client[] = []
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'console-embedded-queue-'))
  db = await openDatabase({ dataDir })
  for (let i = 0; i < 8; i++) {
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    clients.push(client)
  }
}, 120_000)
afterAll(async () => {
  for (const client of clients) await client.end()
  await db?.close()
  await rm(dataDir, { recursive: true, force: true })
})

it('answers concurrent parameterised queries from many connections, each with its own parameters', async () => {
  const rounds = await Promise.all(
    clients.map(async (client, c) => {
      const totals: Array<[number, number]> = []
      for (let i = 0; i < 20; i++) {
        const params = Array.from({ length: 1 + ((c + i) % 5) }, (_, k) => c * 1000 + i * 10 + k)
        const sql = `SELECT ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} AS total`
        const answer = await client.query(sql, params)
        totals.push([answer.rows[0].total, params.reduce((a, b) => a + b, 0)])
      }
      return totals
    }),
  )
  for (const [got, want] of rounds.flat()) expect(got).toBe(want)
})

it('answers every query right while other connections open and commit transactions', async () => {
  await clients[0]?.query('CREATE TABLE mixed_probe (client int, n int)')
  const work = clients.map(async (client, c) => {
    for (let i = 0; i < 15; i++) {
      if (c % 2 === 0) {
        await client.query('BEGIN')
        await client.query('SELECT pg_advisory_xact_lock($1)', [c])
        await client.query('INSERT INTO mixed_probe VALUES ($1, $2)', [c, i])
        await client.query('COMMIT')
      } else {
        const params = Array.from({ length: 1 + (i % 5) }, (_, k) => c * 100 + i + k)
        const answer = await client.query(
          `SELECT ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} AS total`,
          params,
        )
        expect(answer.rows[0].total).toBe(params.reduce((a, b) => a + b, 0))
      }
    }
  })
  await Promise.all(work)
  const rows = await clients[1]?.query('SELECT count(*)::int AS n FROM mixed_probe')
  expect(rows?.rows[0].n).toBe(4 * 15)
})

it("runs another connection's query after an open transaction ends, never inside it", async () => {
  const [tx, other] = clients as [pg.Client, pg.Client]
  await tx.query('CREATE TABLE queue_probe (n int)')
  await tx.query('BEGIN')
  await tx.query('INSERT INTO queue_probe VALUES ($1)', [1])
  const outside = other.query('SELECT count(*)::int AS n FROM queue_probe WHERE n > $1', [0])
  await tx.query('INSERT INTO queue_probe VALUES ($1)', [2])
  await tx.query('COMMIT')
  expect((await outside).rows[0].n).toBe(2)
})
