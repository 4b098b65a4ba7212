import { z } from 'zod'
import { nodeLabelKeySchema, nodeLabelValueSchema, taintSchema } from './common.ts'

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
