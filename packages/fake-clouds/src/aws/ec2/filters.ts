import type { Filter } from '@aws-sdk/client-ec2'
import { AwsError } from '../call.ts'

/** What a resource offers to `Filter.N.Name`: filter name → the resource's values for it. */
export type FilterFields = Record<string, Array<string | number | boolean | undefined>>

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 's')
}

/**
 * EC2 filter semantics: every filter must match (AND), any of a filter's values may match (OR),
 * values may use * and ? wildcards, `tag:<key>` matches that tag's value, `tag-key` any key.
 * An unknown filter name is InvalidParameterValue, as EC2 answers.
 */
export function matchesFilters(
  fields: FilterFields,
  tags: Record<string, string>,
  filters: Filter[] | undefined,
): boolean {
  for (const f of filters ?? []) {
    const name = f.Name ?? ''
    const patterns = (f.Values ?? []).map(wildcard)
    let values: string[]
    if (name.startsWith('tag:')) {
      const v = tags[name.slice(4)]
      values = v === undefined ? [] : [v]
    } else if (name === 'tag-key') {
      values = Object.keys(tags)
    } else if (name === 'tag-value') {
      values = Object.values(tags)
    } else if (name in fields) {
      values = (fields[name] ?? []).filter((v) => v !== undefined).map(String)
    } else {
      throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`)
    }
    if (!values.some((v) => patterns.some((p) => p.test(v)))) return false
  }
  return true
}
