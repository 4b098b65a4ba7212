import type { ProfilePack, ProfileTemplate, ProfileType } from './cluster-profile.ts'
import { type CloudType, coreLayers, isPackForCloud, type Pack, type PackLayer, packLayers } from './pack.ts'
import { validatePackValues } from './validate-pack-values.ts'
import type { PackValidation, ProfileValidation, ValidationIssue } from './validation-issue.ts'
import { parseValues } from './values-document.ts'

const STACK_ORDER = 'os, k8s, cni, csi, then add-ons'
const layerRank = (layer: PackLayer): number => packLayers.indexOf(layer)
const describePack = (pack: ProfilePack, index: number) => `pack ${index + 1} (${pack.name} ${pack.tag})`

/**
 * Checks a whole profile against the catalog and returns every problem at once.
 *
 * Layer rules: a `cluster` profile has exactly one `os`, `k8s`, `cni` and `csi` layer, in that
 * order, then any add-ons; an `infra` profile has the same four layers and no add-on; an `add-on`
 * profile has add-ons only (at least one). A pack name appears once.
 *
 * Catalog rules: each pack exists in `catalog` for the profile's cloud type (see `isPackForCloud`)
 * with that exact tag, and its layer and type match the catalog's.
 *
 * Values: each pack's `values` (the catalog defaults when absent) go through `validatePackValues`
 * with the profile's cloud type; a pack missing from the catalog still gets its YAML syntax checked.
 * The TKE rules therefore apply to `tencent` profiles; an add-on profile for `all` clouds meets
 * them when the cluster wizard checks its layers with the cluster's cloud (`validatePackValues`).
 *
 * Pure: the caller passes the catalog, so this runs in the browser and on the server alike. Takes any
 * object with `spec.template` (a create/update/validate body, or a stored profile).
 */
export function validateProfile(
  profile: { spec: { template: ProfileTemplate } },
  catalog: readonly Pack[],
): ProfileValidation {
  const { cloudType, type, packs } = profile.spec.template
  const errors: ValidationIssue[] = []
  const perPack: PackValidation[] = packs.map((pack, index) => ({
    index,
    name: pack.name,
    tag: pack.tag,
    layer: pack.layer,
    errors: [],
  }))
  const addTo = (index: number, issue: ValidationIssue) => perPack[index]?.errors.push(issue)

  checkLayers(type, packs, errors, addTo)
  checkDuplicateNames(packs, addTo)
  packs.forEach((pack, index) => {
    for (const issue of checkPackAgainstCatalog(pack, cloudType, catalog)) addTo(index, issue)
  })

  const valid = errors.length === 0 && perPack.every((pack) => pack.errors.length === 0)
  return { valid, errors, packs: perPack }
}

function checkLayers(
  type: ProfileType,
  packs: readonly ProfilePack[],
  errors: ValidationIssue[],
  addTo: (index: number, issue: ValidationIssue) => void,
): void {
  if (type === 'add-on') {
    packs.forEach((pack, index) => {
      if (pack.layer !== 'addon')
        addTo(index, {
          code: 'LayerNotAllowed',
          message: `An add-on profile holds add-on packs only: ${describePack(pack, index)} is a ${pack.layer} layer; put it in a cluster or infra profile`,
        })
    })
    if (!packs.some((pack) => pack.layer === 'addon'))
      errors.push({ code: 'LayerMissing', message: 'An add-on profile needs at least one add-on pack' })
    return
  }

  // A second layer of a kind is reported as a duplicate only, not also as out of order.
  const duplicates = new Set<number>()
  for (const layer of coreLayers) {
    const holders = packs.flatMap((pack, index) => (pack.layer === layer ? [index] : []))
    const first = holders[0]
    if (first === undefined) {
      errors.push({ code: 'LayerMissing', message: `A ${type} profile needs one ${layer} layer; there is none` })
      continue
    }
    for (const index of holders.slice(1)) {
      duplicates.add(index)
      addTo(index, {
        code: 'LayerDuplicate',
        message: `A ${type} profile has one ${layer} layer: ${describePack(packs[first]!, first)} already is`,
      })
    }
  }

  if (type === 'infra') {
    packs.forEach((pack, index) => {
      if (pack.layer === 'addon')
        addTo(index, {
          code: 'LayerNotAllowed',
          message: `An infra profile holds only the os, k8s, cni and csi layers: move ${describePack(pack, index)} to an add-on profile`,
        })
    })
  }

  let highest: { rank: number; index: number } | undefined
  packs.forEach((pack, index) => {
    if (duplicates.has(index)) return
    const rank = layerRank(pack.layer)
    if (highest !== undefined && rank < highest.rank) {
      const above = packs[highest.index]!
      addTo(index, {
        code: 'LayerOrder',
        message: `The ${pack.layer} layer must come before the ${above.layer} layer of ${describePack(above, highest.index)}: order the stack ${STACK_ORDER}`,
      })
    }
    if (highest === undefined || rank > highest.rank) highest = { rank, index }
  })
}

function checkDuplicateNames(packs: readonly ProfilePack[], addTo: (index: number, issue: ValidationIssue) => void) {
  const seen = new Map<string, number>()
  packs.forEach((pack, index) => {
    const first = seen.get(pack.name)
    if (first === undefined) seen.set(pack.name, index)
    else
      addTo(index, {
        code: 'PackDuplicate',
        message: `Pack ${pack.name} is already in this profile (pack ${first + 1})`,
      })
  })
}

function checkPackAgainstCatalog(pack: ProfilePack, cloudType: CloudType, catalog: readonly Pack[]): ValidationIssue[] {
  const syntaxOnly = () => (pack.values === undefined ? [] : parseValues(pack.values).errors)
  const named = catalog.filter((candidate) => candidate.name === pack.name)
  if (named.length === 0) {
    return [{ code: 'PackNotFound', message: `Pack ${pack.name} is not in the pack catalog` }, ...syntaxOnly()]
  }
  const forCloud = named.filter((candidate) => isPackForCloud(candidate, cloudType))
  if (forCloud.length === 0) {
    const clouds = [...new Set(named.flatMap((candidate) => candidate.cloudTypes))].join(', ')
    return [
      {
        code: 'PackNotForCloud',
        message: `Pack ${pack.name} is not available for ${cloudType} (it runs on ${clouds})`,
      },
      ...syntaxOnly(),
    ]
  }
  const match = forCloud.find((candidate) => candidate.tag === pack.tag)
  if (match === undefined) {
    const tags = forCloud.map((candidate) => candidate.tag).join(', ')
    return [
      {
        code: 'PackTagNotFound',
        message: `Pack ${pack.name} has no version ${pack.tag} for ${cloudType}; available: ${tags}`,
      },
      ...syntaxOnly(),
    ]
  }
  const issues: ValidationIssue[] = []
  if (match.layer !== pack.layer)
    issues.push({
      code: 'PackLayerMismatch',
      message: `Pack ${pack.name} ${pack.tag} is a ${match.layer} layer, not ${pack.layer}`,
    })
  if (match.type !== pack.type)
    issues.push({
      code: 'PackTypeMismatch',
      message: `Pack ${pack.name} ${pack.tag} is a ${match.type} pack, not ${pack.type}`,
    })
  issues.push(...validatePackValues(match, pack.values ?? match.values, { cloudType }))
  return issues
}
