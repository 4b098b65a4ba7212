import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import type { CloudName } from './types.ts'

/** The package's own fixtures/ directory. */
export const DEFAULT_FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url))

/** Fixture file name per cloud. */
export const FIXTURE_FILES: Record<CloudName, string> = {
  tencent: 'tencent.yaml',
  aws: 'aws.yaml',
  vsphere: 'vsphere.yaml',
}

export interface LoadedFixtures {
  /** Each cloud's parsed document (undefined when its file does not exist). */
  byCloud: Partial<Record<CloudName, unknown>>
  /** Every file's top-level `durations` map merged (ms by key). */
  durations: Record<string, number>
}

/** Reads and parses fixtures/<cloud>.yaml for every cloud; a missing file is not an error, a broken one is. */
export async function loadFixtures(dir: string = DEFAULT_FIXTURE_DIR): Promise<LoadedFixtures> {
  const result: LoadedFixtures = { byCloud: {}, durations: {} }
  for (const [cloud, file] of Object.entries(FIXTURE_FILES) as Array<[CloudName, string]>) {
    const path = join(dir, file)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw err
    }
    const doc: unknown = parse(text)
    result.byCloud[cloud] = doc
    Object.assign(result.durations, readDurations(doc, path))
  }
  return result
}

function readDurations(doc: unknown, path: string): Record<string, number> {
  if (!doc || typeof doc !== 'object' || !('durations' in doc)) return {}
  const durations = (doc as { durations: unknown }).durations
  if (durations === null || durations === undefined) return {}
  if (typeof durations !== 'object' || Array.isArray(durations)) throw new Error(`${path}: durations must be a map`)
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(durations)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${path}: durations.${key} must be a number of milliseconds >= 0`)
    }
    out[key] = value
  }
  return out
}
