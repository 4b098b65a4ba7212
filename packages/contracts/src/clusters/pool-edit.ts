import { z } from 'zod'
import { awsMachinePoolSchema } from './aws.ts'
import { nodeLabelKeySchema, nodeLabelValueSchema, taintSchema } from './common.ts'
import { eksMachinePoolSchema } from './eks.ts'

/**
 * PUT /v1/spectroclusters/{uid}/machinepools/{name}: the day-2 edit of a Running cluster's worker pool,
 * from the Nodes tab. What a running pool can change in place: its size (and, where the cloud scales
 * between bounds, the bounds), its Kubernetes labels and its taints. The whole new value of each is
 * sent; the cloud's pool rules (size bounds, taint and label syntax) are checked on the merged pool.
 */
export const machinePoolEditSchema = z
  .object({
    size: z.number({ error: 'Size is required' }).int('Size is a whole number').min(0, 'Size must be at least 0'),
    minSize: z.number().int('Minimum size is a whole number').min(0, 'Minimum size must be at least 0').optional(),
    maxSize: z.number().int('Maximum size is a whole number').min(1, 'Maximum size must be at least 1').optional(),
    additionalLabels: z.record(nodeLabelKeySchema, nodeLabelValueSchema),
    taints: z.array(taintSchema),
  })
  .strict()
export type MachinePoolEdit = z.infer<typeof machinePoolEditSchema>

/** **Rolling Update** of an EC2 pool, as the wizard and the Edit node pool dialog name it. */
export const ROLLING_UPDATE_LABELS = {
  RollingUpdateScaleOut: 'Expand First',
  RollingUpdateScaleIn: 'Contract First',
} as const
export type RollingUpdate = keyof typeof ROLLING_UPDATE_LABELS

/** A machine pool as a cluster's stored spec holds it, as far as an edit reads it. */
export interface StoredMachinePool {
  cloudConfig: Record<string, unknown>
  poolConfig: {
    name: string
    size: number
    minSize?: number
    maxSize?: number
    isControlPlane?: boolean
    updateStrategy?: { type: RollingUpdate }
    additionalLabels?: Record<string, string>
    taints?: Array<{ key: string; value?: string; effect: string }>
  }
}

/** How a cloud's running worker pools take an edit. */
export interface EditablePools {
  /** The schema of the cloud's pools: the pool's own rules run again on the edited pool. */
  schema: z.ZodType
  /** Whether its pools have a minimum and maximum size (EKS node groups) or only a size (EC2 pools). */
  bounds: boolean
  /**
   * Whether nodes take new labels and taints only when replaced (AWS IaaS nodes register them at boot),
   * one at a time with the pool's Rolling Update strategy (decision 010).
   */
  replacesNodes: boolean
}

/** The clouds whose drivers converge a running cluster's worker pools to an edited spec (decision 009). */
export const EDITABLE_POOLS: Readonly<Record<string, EditablePools>> = {
  eks: { schema: eksMachinePoolSchema, bounds: true, replacesNodes: false },
  aws: { schema: awsMachinePoolSchema, bounds: false, replacesNodes: true },
}

/** A taint as Kubernetes writes it: `key=value:Effect` (`key:Effect` without a value). */
export const taintText = (t: { key: string; value?: string; effect: string }) =>
  `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
