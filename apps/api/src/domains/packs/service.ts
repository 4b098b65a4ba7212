import { loadCatalog } from '@console/catalog'
import { filterPacks, type Pack, type PackListQuery } from '@console/contracts'

/** The pack catalog shipped with the console, filtered by layer, cloud type (packs for `all` included) and name. */
export function listPacks(query: PackListQuery): { items: Pack[] } {
  return { items: filterPacks(loadCatalog(), query) }
}
