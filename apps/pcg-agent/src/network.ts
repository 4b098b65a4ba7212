import { networkInterfaces } from 'node:os'
import { parseIpv4Cidr } from '@console/contracts'

/**
 * The agent's address and its network block: the interface carrying `override` when given, else the first
 * non-internal IPv4 interface. An override on no local interface counts as a /32 network.
 */
export function localAddress(override?: string): { ipAddress: string | undefined; networkCidr: string | undefined } {
  const candidates = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4')
  if (override) {
    const own = candidates.find((i) => i!.address === override)
    const cidr = own?.cidr ?? `${override}/32`
    return { ipAddress: override, networkCidr: parseIpv4Cidr(cidr) ? cidr : undefined }
  }
  const first = candidates.find((i) => !i!.internal)
  return { ipAddress: first?.address, networkCidr: first?.cidr ?? undefined }
}
