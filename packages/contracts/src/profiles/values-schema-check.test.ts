import { describe, expect, it } from 'vitest'
import type { ValuesSchema } from './pack.ts'
import { parseValues } from './values-document.ts'
import { checkValuesSchema } from './values-schema-check.ts'

const schema: ValuesSchema = {
  type: 'object',
  required: ['controller'],
  properties: {
    controller: {
      type: 'object',
      required: ['replicaCount', 'service'],
      properties: {
        replicaCount: { type: 'integer', minimum: 1, maximum: 10 },
        service: {
          type: 'object',
          properties: { type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] } },
        },
        ingressClass: { type: 'string', pattern: '^[a-z0-9-]+$' },
        extraArgs: { type: 'array', items: { type: 'string' } },
        timeout: { type: 'number' },
        annotations: { type: ['object', 'null'] },
      },
    },
  },
}

function check(text: string, against: ValuesSchema = schema) {
  const parsed = parseValues(text)
  expect(parsed.ok).toBe(true)
  return checkValuesSchema(parsed.data, against, parsed.locate)
}

describe('checkValuesSchema', () => {
  it('accepts values that fit, with unknown keys allowed and integers taken as numbers', () => {
    const text = [
      'controller:',
      '  replicaCount: 2',
      '  timeout: 30',
      '  service:',
      '    type: LoadBalancer',
      '  extraArgs: ["--v=2"]',
      '  annotations: ~',
      '  somethingElse: true',
    ].join('\n')
    expect(check(text)).toEqual([])
  })

  it('reports a wrong type with the key path and line, and does not look inside it', () => {
    const issues = check('controller:\n  replicaCount: three\n  service: LoadBalancer\n')
    expect(issues).toEqual([
      {
        code: 'SchemaType',
        path: 'controller.replicaCount',
        line: 2,
        column: 3,
        message: 'controller.replicaCount must be an integer (found string "three")',
      },
      {
        code: 'SchemaType',
        path: 'controller.service',
        line: 3,
        column: 3,
        message: 'controller.service must be a map (found string "LoadBalancer")',
      },
    ])
  })

  it('reports a value outside the enum, listing the allowed ones', () => {
    const [issue] = check('controller:\n  replicaCount: 1\n  service:\n    type: External\n')
    expect(issue).toMatchObject({ code: 'SchemaEnum', path: 'controller.service.type', line: 4 })
    expect(issue?.message).toBe(
      'controller.service.type must be one of "ClusterIP", "NodePort", "LoadBalancer" (found string "External")',
    )
  })

  it('reports each missing required key on its parent line, and a missing top-level key without a line', () => {
    expect(check('controller:\n  timeout: 5\n')).toEqual([
      expect.objectContaining({ code: 'SchemaRequired', path: 'controller.replicaCount', line: 1 }),
      expect.objectContaining({ code: 'SchemaRequired', path: 'controller.service', line: 1 }),
    ])
    const [top] = check('other: 1\n')
    expect(top).toMatchObject({ code: 'SchemaRequired', path: 'controller', message: 'controller is required' })
    expect(top?.line).toBeUndefined()
  })

  it('checks bounds, patterns and list items', () => {
    const text = [
      'controller:',
      '  replicaCount: 0',
      '  service: {}',
      '  ingressClass: Nginx_Public',
      '  extraArgs:',
      '    - --v=2',
      '    - 3',
    ].join('\n')
    expect(check(text).map((issue) => [issue.code, issue.path, issue.line])).toEqual([
      ['SchemaMinimum', 'controller.replicaCount', 2],
      ['SchemaPattern', 'controller.ingressClass', 4],
      ['SchemaType', 'controller.extraArgs[1]', 7],
    ])
    expect(check('controller:\n  replicaCount: 11\n  service: {}\n')[0]).toMatchObject({
      code: 'SchemaMaximum',
      message: 'controller.replicaCount must be at most 10 (found 11)',
    })
  })

  it('treats a null value as present but of type null', () => {
    expect(check('controller:\n  replicaCount:\n  service: {}\n')).toEqual([
      expect.objectContaining({ code: 'SchemaType', path: 'controller.replicaCount', line: 2 }),
    ])
  })
})
