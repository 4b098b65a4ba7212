import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ClusterProfileBody, clusterProfileBodySchema, type Pack, validateProfile } from '@console/contracts'
import { CatalogFileError, loadCatalog, readYamlFile } from './load-catalog.ts'

/** Ready-to-use cluster profiles, one per cloud: `packages/catalog/profiles/*.yaml`. */
export const profilesDirectory = fileURLToPath(new URL('../profiles/', import.meta.url))

/**
 * Reads profile files (the `POST /v1/clusterprofiles` body as YAML). A pack written without
 * `values` gets its catalog defaults, so every returned body carries the values it will deploy.
 * Each profile must pass `validateProfile` against `catalog`; otherwise a `CatalogFileError`
 * names the file and the problems.
 */
export function readSeedProfiles(
  directory: string = profilesDirectory,
  catalog: readonly Pack[] = loadCatalog(),
): ClusterProfileBody[] {
  const files = readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
  return files.map((name) => {
    const file = `profiles/${name}`
    const parsed = clusterProfileBodySchema.safeParse(readYamlFile(join(directory, name), file))
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      throw new CatalogFileError(file, `not a valid cluster profile: ${problems.join('; ')}`)
    }
    const profile = parsed.data
    for (const pack of profile.spec.template.packs) {
      pack.values ??= catalog.find((candidate) => candidate.name === pack.name && candidate.tag === pack.tag)?.values
    }
    const result = validateProfile(profile, catalog)
    if (!result.valid) {
      const problems = [
        ...result.errors.map((issue) => issue.message),
        ...result.packs.flatMap((pack) =>
          pack.errors.map(
            (issue) =>
              `${pack.name} ${pack.tag}${issue.line === undefined ? '' : ` line ${issue.line}`}: ${issue.message}`,
          ),
        ),
      ]
      throw new CatalogFileError(file, `profile does not validate: ${problems.join('; ')}`)
    }
    return profile
  })
}

/** The seed cluster profiles (tencent, aws, eks, vsphere), validated against the catalog. */
export function loadSeedProfiles(): ClusterProfileBody[] {
  return readSeedProfiles()
}
