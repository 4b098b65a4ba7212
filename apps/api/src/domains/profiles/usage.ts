import type { Deps } from '../../lib/deps.ts'
import { liveClusterWhere } from '../clusters/mapping.ts'

/** A live cluster that deploys a profile. */
export interface ProfileUser {
  profileUid: string
  uid: string
  name: string
}

/**
 * Finds the live clusters that use any of `profileUids`. A profile in use cannot be deleted, and
 * reads list its users in `status.inUseBy`. Injectable, like the cloud accounts' usage check, so
 * tests and the clusters domain (with its own notion of "live") can replace it.
 */
export type ProfileUsageLookup = (deps: Deps, profileUids: readonly string[]) => Promise<ProfileUser[]>

/**
 * Default: cluster rows that are not gone (a Deleted cluster keeps its row for history but no longer
 * deploys the profile). The clusters API does not exist yet; the rows it will write are read here.
 */
export const liveClustersUsingProfiles: ProfileUsageLookup = async (deps, profileUids) => {
  const rows = await deps.prisma.cluster.findMany({
    where: { profileId: { in: [...profileUids] }, ...liveClusterWhere },
    select: { id: true, name: true, profileId: true },
    orderBy: { name: 'asc' },
  })
  // The where clause keeps only rows with one of the given profiles.
  return rows.map((row) => ({ profileUid: row.profileId ?? '', uid: row.id, name: row.name }))
}

let lookup: ProfileUsageLookup = liveClustersUsingProfiles

/** Installs the look-up of clusters using profiles (undefined = the default); answers a function that restores the previous one. */
export function setProfileUsageLookup(next: ProfileUsageLookup | undefined): () => void {
  const previous = lookup
  lookup = next ?? liveClustersUsingProfiles
  return () => {
    lookup = previous
  }
}

/** The users of each profile, keyed by profile uid (every asked uid present, possibly with none). */
export async function findProfileUsers(
  deps: Deps,
  profileUids: readonly string[],
): Promise<Map<string, Array<{ uid: string; name: string }>>> {
  const users = new Map(profileUids.map((uid) => [uid, [] as Array<{ uid: string; name: string }>]))
  if (profileUids.length === 0) return users
  for (const user of await lookup(deps, profileUids)) {
    users.get(user.profileUid)?.push({ uid: user.uid, name: user.name })
  }
  return users
}
