/**
 * List items' JSON (UTF-8 bytes, ready to be copied into a page) by row version: `<cluster id>:<cluster row xmin>:<profile row xmin>`. Postgres gives
 * every committed change of a row a new `xmin` (the transaction that wrote that row version), so a key
 * names one exact content of the row and its profile: an entry never goes stale, it just stops being
 * asked for. The list then reads only ids and versions for a page and writes the JSON of the items it
 * has not seen in that version; a page of unchanged clusters costs a fraction of reading every column.
 *
 * Bounded: past `capacity` entries the oldest are dropped (first in, first out).
 */
export class ListItemCache {
  private readonly items = new Map<string, Buffer>()

  constructor(private readonly capacity = 20_000) {}

  get size(): number {
    return this.items.size
  }

  get(key: string): Buffer | undefined {
    return this.items.get(key)
  }

  set(key: string, json: Buffer): void {
    if (this.items.has(key)) return
    this.items.set(key, json)
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value
      if (oldest !== undefined) this.items.delete(oldest)
    }
  }
}

/** The cache key of a cluster row as read with its version columns. */
export const listItemKey = (row: { id: string; clusterXmin: string; profileXmin: string | null }) =>
  `${row.id}:${row.clusterXmin}:${row.profileXmin ?? ''}`
