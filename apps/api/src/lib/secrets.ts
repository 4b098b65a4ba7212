import { createHash, hkdfSync, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The master key everything secret derives from (JWT signing, encryption of cloud credentials).
 * `SECRET_KEY` when set; otherwise a random key kept in `<dataDir>/secret.key` with mode 0600,
 * generated on first start so the embedded default needs no set-up.
 */
export async function loadMasterKey(options: { secretKey?: string; dataDir: string }): Promise<Buffer> {
  if (options.secretKey) return createHash('sha256').update(options.secretKey).digest()
  const file = path.join(options.dataDir, 'secret.key')
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(options.dataDir, { recursive: true })
  const key = randomBytes(32)
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  await chmod(file, 0o600)
  return key
}

/** A purpose-bound sub-key, so one use of the master key never weakens another. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `cluster-console:${purpose}`, 32))
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}
