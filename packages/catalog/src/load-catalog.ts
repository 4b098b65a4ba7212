import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type CloudType,
  filterPacks,
  type Pack,
  type PackLayer,
  packLayers,
  packSchema,
  validatePackValues,
} from '@console/contracts'
import { parse } from 'yaml'

/** The catalog shipped with the console: `packages/catalog/packs/<layer>/<name>-<tag>.yaml`. */
export const packsDirectory = fileURLToPath(new URL('../packs/', import.meta.url))

/** A catalog file that cannot be loaded; the message names the file and what is wrong with it. */
export class CatalogFileError extends Error {
  override name = 'CatalogFileError'
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`)
  }
}

function yamlFilesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** Reads a YAML data file, naming it in any error. */
export function readYamlFile(path: string, displayName: string): unknown {
  try {
    return parse(readFileSync(path, 'utf8'), { prettyErrors: true })
  } catch (error) {
    throw new CatalogFileError(displayName, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** The clouds a pack's default values must suit: every cloud it runs on (`all` = every cloud). */
function cloudsOf(pack: Pack): CloudType[] {
  return pack.cloudTypes.includes('all') ? ['tencent', 'aws', 'eks', 'vsphere'] : pack.cloudTypes
}

/**
 * Reads and checks every pack file under `directory`: each fits `packSchema`, sits at
 * `<layer>/<name>-<tag>.yaml`, is the only file for its name and tag, and its default values pass
 * `validatePackValues` on every cloud it runs on (so a TKE add-on default cannot break the CBS
 * rule). Throws a `CatalogFileError` naming the first bad file.
 */
export function readCatalog(directory: string = packsDirectory): Pack[] {
  const packs: Pack[] = []
  const seen = new Map<string, string>()
  for (const path of yamlFilesUnder(directory)) {
    const file = relative(directory, path).split(sep).join('/')
    const parsed = packSchema.safeParse(readYamlFile(path, file))
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
      throw new CatalogFileError(file, `not a valid pack: ${problems.join('; ')}`)
    }
    const pack = parsed.data
    const expected = `${pack.layer}/${pack.name}-${pack.tag}.yaml`
    if (file !== expected)
      throw new CatalogFileError(file, `a ${pack.layer} pack ${pack.name} ${pack.tag} belongs in ${expected}`)
    const key = `${pack.name}@${pack.tag}`
    const other = seen.get(key)
    if (other !== undefined) throw new CatalogFileError(file, `${pack.name} ${pack.tag} is already defined by ${other}`)
    seen.set(key, file)
    for (const cloudType of cloudsOf(pack)) {
      const issues = validatePackValues(pack, pack.values, { cloudType })
      if (issues.length > 0) {
        const problems = issues.map(
          (issue) => `${issue.line === undefined ? '' : `line ${issue.line}: `}${issue.message}`,
        )
        throw new CatalogFileError(file, `default values are not valid on ${cloudType}: ${problems.join('; ')}`)
      }
    }
    packs.push(pack)
  }
  // Stack order (os, k8s, cni, csi, add-ons), then by name; tags keep file order.
  const rank = (pack: Pack) => packLayers.indexOf(pack.layer)
  return packs.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
}

let catalog: readonly Pack[] | undefined

/**
 * The console's pack catalog, read from the files once and cached. Throws a `CatalogFileError`
 * naming the bad file when one does not validate. The packs are shared: treat them as read-only.
 */
export function loadCatalog(): Pack[] {
  catalog ??= Object.freeze(readCatalog())
  return [...catalog]
}

/** The catalog pack with this name and tag, if any. */
export function findPack(name: string, tag: string): Pack | undefined {
  return loadCatalog().find((pack) => pack.name === name && pack.tag === tag)
}

/** Catalog packs for a layer and/or a cloud type (packs that run on `all` clouds included). */
export function packsFor(filters: { layer?: PackLayer; cloudType?: CloudType } = {}): Pack[] {
  return filterPacks(loadCatalog(), filters)
}
