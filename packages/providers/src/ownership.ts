/**
 * The console's own tags on the cloud resources its drivers create. They are set in the create call
 * itself (never afterwards), so a resource whose id never reached the ledger is still found by them,
 * and a resource without them was not created by the console and is never deleted by it.
 */

/** The ownership tag: the uid of the console cluster a resource belongs to. */
export const OWNER_TAG = 'console-cluster-uid'
/** The console's cluster name, as a tag. */
export const CLUSTER_NAME_TAG = 'console-cluster-name'
/** The worker pool a node pool (and its instances) belongs to. */
export const NODE_POOL_TAG = 'console-node-pool'
/** The resource's ledger key within its cluster (`vpc`, `subnet/private/us-east-1a`, …), for look-up-before-create. */
export const RESOURCE_KEY_TAG = 'console-resource-key'

/**
 * The tags of a cluster's resources: the user's labels, then the console's own tags (which win
 * over a label of the same key, so ownership can never be overwritten).
 */
export function ownershipTags(
  clusterUid: string,
  clusterName: string,
  labels: Record<string, string>,
): Record<string, string> {
  return { ...labels, [OWNER_TAG]: clusterUid, [CLUSTER_NAME_TAG]: clusterName }
}
