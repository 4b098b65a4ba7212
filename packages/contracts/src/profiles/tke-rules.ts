import type { ValidationIssue } from './validation-issue.ts'
import { formatValuesPath, type ParsedValues } from './values-document.ts'

/** The only node images Tencent TKE accepts in the OS layer's `OsName` (Tencent TKE page, step 9). */
export const tkeOsNames = [
  'centos7.6.0_x64',
  'centos7.6.0_x64 GPU',
  'ubuntu18.04.1x86_64',
  'ubuntu18.04.1x86_64 GPU',
] as const
export type TkeOsName = (typeof tkeOsNames)[number]

const allowedOsNames = tkeOsNames.map((name) => JSON.stringify(name)).join(', ')

/** TKE OS layer rule: a top-level `OsName` that is exactly one of `tkeOsNames`. */
export function checkTkeOsName(values: ParsedValues): ValidationIssue[] {
  const osName = values.data?.OsName
  if (typeof osName === 'string' && (tkeOsNames as readonly string[]).includes(osName)) return []
  const position = values.locate(['OsName'])
  const found = osName === undefined ? 'missing' : `${JSON.stringify(osName)}`
  return [
    {
      code: 'TkeOsName',
      message: `OsName is ${found}: Tencent TKE nodes use one of these images: ${allowedOsNames}`,
      path: 'OsName',
      ...position,
    },
  ]
}

/** A Kubernetes quantity read as a Tencent CBS size. */
export interface VolumeSize {
  /** The size in CBS gigabytes, see `parseVolumeSize` for the conversion. */
  gigabytes: number
  /** Whether the text used decimal (k, M, G, T, P, E) rather than binary (Ki … Ei) or no suffix. */
  decimal: boolean
}

const binarySuffixes: Record<string, number> = { Ki: -2, Mi: -1, Gi: 0, Ti: 1, Pi: 2, Ei: 3 }
const decimalSuffixes: Record<string, number> = { k: -2, M: -1, G: 0, T: 1, P: 2, E: 3 }
const QUANTITY = /^\+?(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/

/**
 * Reads a Kubernetes storage quantity (`20Gi`, `"20Gi"`, `10240Mi`, `10G`, `10737418240`) as the
 * gigabytes Tencent CBS counts. Decision (Tencent labels CBS sizes in "GB" and users write both
 * `20G` and `20Gi` for a 20 GB disk):
 *
 * - binary suffixes count in GiB: `Gi` = 1, `Mi` = 1/1024, `Ki` = 1/1024², `Ti` = 1024, `Pi` = 1024², `Ei` = 1024³;
 * - decimal suffixes count in GB the same way with powers of 1000: `G` = 1, `M` = 1/1000, `k` = 1/1000², `T` = 1000 …;
 * - a bare number is bytes, counted in GiB (bytes / 2³⁰), which is how the CBS driver sizes a disk.
 *
 * So `10G`, `10Gi`, `10240Mi` and `10000M` are all 10 GB, while `1Ti` is 1024 GB. Exponent forms
 * (`1e10`) and milli units are not sizes anyone writes for a volume and are answered `undefined`.
 */
export function parseVolumeSize(raw: string | number): VolumeSize | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) && raw >= 0 ? { gigabytes: raw / 2 ** 30, decimal: false } : undefined
  }
  const match = QUANTITY.exec(raw.trim())
  if (!match) return undefined
  const amount = Number(match[1])
  const suffix = match[2]
  if (suffix === undefined) return { gigabytes: amount / 2 ** 30, decimal: false }
  const binary = binarySuffixes[suffix]
  if (binary !== undefined) {
    return { gigabytes: binary >= 0 ? amount * 1024 ** binary : amount / 1024 ** -binary, decimal: false }
  }
  const decimal = decimalSuffixes[suffix] ?? 0
  return { gigabytes: decimal >= 0 ? amount * 1000 ** decimal : amount / 1000 ** -decimal, decimal: true }
}

/** True when a size satisfies the TKE rule: at least 10 GB and a whole multiple of 10 GB. */
export function isTkeVolumeSize(size: VolumeSize): boolean {
  return size.gigabytes >= 10 && Number.isInteger(size.gigabytes) && size.gigabytes % 10 === 0
}

const PERSISTENCE_BLOCKS = new Set(['persistence', 'persistentVolume'])

/**
 * Whether a key path holds a persistent volume size: a `storage` key (`resources.requests.storage`,
 * `volumeClaimTemplate.spec.resources.requests.storage`, …) or a `size` key anywhere under a
 * `persistence` (or `persistentVolume`) block, at any depth, sub-charts included.
 */
export function isVolumeSizePath(path: readonly (string | number)[]): boolean {
  const last = path[path.length - 1]
  if (last === 'storage') return true
  if (last !== 'size') return false
  return path.slice(0, -1).some((segment) => typeof segment === 'string' && PERSISTENCE_BLOCKS.has(segment))
}

/** Whether the innermost persistence block around `path` is switched off (`enabled: false`). */
function isInDisabledPersistence(data: unknown, path: readonly (string | number)[]): boolean {
  let block: unknown
  let node: unknown = data
  for (const segment of path.slice(0, -1)) {
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined
    if (typeof segment === 'string' && PERSISTENCE_BLOCKS.has(segment)) block = node
  }
  return block !== null && typeof block === 'object' && (block as Record<string, unknown>).enabled === false
}

function suggest(size: VolumeSize): string {
  const unit = size.decimal ? 'G' : 'Gi'
  const lower = Math.floor(size.gigabytes / 10) * 10
  return lower < 10 ? `10${unit}` : `${lower}${unit} or ${lower + 10}${unit}`
}

/**
 * TKE add-on rule (Tencent TKE page): every persistent volume claim is at least 10 GB and a multiple
 * of 10 GB. Sizes are found by `isVolumeSizePath` and read by `parseVolumeSize`; each refusal names
 * the key path and its line. A `storage` key whose value does not start like a number (`storage: s3`)
 * is not a size and is left alone; an unreadable size under `persistence` is reported. A size in a
 * persistence block that says `enabled: false` creates no volume and is not checked.
 */
export function checkTkeVolumeSizes(values: ParsedValues): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const entry of values.entries) {
    if (!entry.isScalar || !isVolumeSizePath(entry.path)) continue
    const raw = entry.value
    if (raw === null || raw === undefined || raw === '' || typeof raw === 'boolean') continue
    if (typeof raw !== 'string' && typeof raw !== 'number') continue
    if (isInDisabledPersistence(values.data, entry.path)) continue
    const path = formatValuesPath(entry.path)
    const size = parseVolumeSize(raw)
    if (size === undefined) {
      if (entry.path[entry.path.length - 1] === 'storage' && !/^\s*[+.\d]/.test(String(raw))) continue
      issues.push({
        code: 'VolumeSizeUnreadable',
        message: `${path} is ${raw}: write a volume size as a Kubernetes quantity such as 20Gi`,
        path,
        ...entry.position,
      })
      continue
    }
    if (isTkeVolumeSize(size)) continue
    issues.push({
      code: 'TkeVolumeSize',
      message: `${path} is ${raw}: Tencent CBS volumes must be at least 10 GB and a multiple of 10 GB (e.g. ${suggest(size)})`,
      path,
      ...entry.position,
    })
  }
  return issues
}
