/** The TKE wizard's steps, in order. */
export const tkeSteps = [
  { id: 'basic', title: 'Basic Information' },
  { id: 'profile', title: 'Cluster Profile' },
  { id: 'parameters', title: 'Parameters' },
  { id: 'config', title: 'Cluster Config' },
  { id: 'nodes', title: 'Nodes Config' },
  { id: 'review', title: 'Review' },
] as const

export type TkeStepId = (typeof tkeSteps)[number]['id']

/** A problem at a dotted body path (`spec.machinepoolconfig.0.poolConfig.size`), from the schema or the server. */
export interface Problem {
  path: string
  message: string
}

const has = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`)

/** Which step owns a body path: where its field is shown. Unknown paths land on Review, which shows everything. */
export function stepOfPath(path: string): TkeStepId {
  if (has(path, 'metadata') || has(path, 'spec.cloudAccountUid') || path === 'ProjectUid' || path === '') return 'basic'
  if (has(path, 'spec.profiles.0.packValues')) return 'parameters'
  if (has(path, 'spec.profiles')) return 'profile'
  if (has(path, 'spec.cloudConfig') || has(path, 'spec.clusterConfig')) return 'config'
  if (has(path, 'spec.machinepoolconfig')) return 'nodes'
  return 'review'
}

export function problemsOfStep(problems: readonly Problem[], step: TkeStepId): Problem[] {
  if (step === 'review') return [...problems]
  return problems.filter((p) => stepOfPath(p.path) === step)
}

export function stepIndex(step: TkeStepId): number {
  return tkeSteps.findIndex((s) => s.id === step)
}

/**
 * Where **Next** goes: to the following step when none of `problems` (the schema's and the
 * server's, for the whole body) belongs to the current step; otherwise it stays, with the
 * problems that block it. Review is the last step: Next from it stays (Deploy is its action).
 */
export function nextStep(current: TkeStepId, problems: readonly Problem[]): { step: TkeStepId; blocking: Problem[] } {
  const blocking = problemsOfStep(problems, current)
  const index = stepIndex(current)
  const following = tkeSteps[index + 1]
  if (blocking.length > 0 || !following) return { step: current, blocking }
  return { step: following.id, blocking: [] }
}

export function previousStep(current: TkeStepId): TkeStepId {
  const index = stepIndex(current)
  return tkeSteps[Math.max(index - 1, 0)]?.id ?? 'basic'
}

/** The first problem exactly at `path` (or under it, when `nested`), for a field's error line. */
export function errorAt(problems: readonly Problem[], path: string, nested = false): string | undefined {
  return problems.find((p) => p.path === path || (nested && p.path.startsWith(`${path}.`)))?.message
}
