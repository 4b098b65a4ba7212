/**
 * The AWS IaaS (EC2 control plane) wizard's rules as pure functions: the create schema runs the
 * structural ones (so the browser checks them as the user types), and the server runs them again plus
 * `checkAwsInventory` against what the account's AWS inventory holds. Inputs are structural (not the
 * schema's types), so each function can also run on a half-filled form.
 */

/** Control plane sizes the console runs (etcd wants an odd quorum). */
export const AWS_CONTROL_PLANE_SIZES = [1, 3, 5] as const
/** The most nodes a worker pool takes (an Auto Scaling group's sane ceiling for one pool). */
export const AWS_MAX_POOL_SIZE = 500
