import type { TagSpecification } from '@aws-sdk/client-ec2'
import { tagsFromList } from '../call.ts'

/** The tags a TagSpecifications list asks for on one resource type (RunInstances also tags 'volume', …). */
export function tagsFor(specs: TagSpecification[] | undefined, resourceType: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const s of specs ?? []) if (s.ResourceType === resourceType) Object.assign(out, tagsFromList(s.Tags))
  return out
}
