import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from './open-database.ts'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

it('migrates one embedded database after another in the same process', async () => {
  for (const round of [1, 2]) {
    const dataDir = await mkdtemp(path.join(tmpdir(), `console-migrate-${round}-`))
    dirs.push(dataDir)
    const db = await openDatabase({ dataDir })
    try {
      expect(db.mode).toBe('embedded')
      expect(db.appliedMigrations.length).toBeGreaterThan(0)
      expect(await db.prisma.tenant.count()).toBe(0)
    } finally {
      await db.close()
    }
  }
}, 120_000)
