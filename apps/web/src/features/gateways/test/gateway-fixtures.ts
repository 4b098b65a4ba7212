import type { Gateway, GatewayState } from '@console/contracts'

/** Test-only: a gateway as GET /v1/overlords answers it. */
export function gatewayFixture(
  uid: string,
  name: string,
  state: GatewayState,
  extra: { size?: number; ipAddress?: string; upgrade?: string } = {},
): Gateway {
  return {
    metadata: { uid, name, creationTimestamp: '2026-12-01T10:00:00.000Z' },
    spec: {
      ipAddress: extra.ipAddress ?? '10.0.0.5',
      size: extra.size ?? 1,
      sshKeys: [],
      ntpServers: [],
      installer: {},
      ...(state === 'Pending'
        ? {}
        : {
            vcenterServer: 'vcenter.example.com',
            username: 'admin',
            placement: {
              datacenter: 'dc1',
              computecluster: 'cc1',
              datastore: 'ds1',
              network: 'VM Network',
              resourcePool: 'rp1',
              folder: 'pcg',
            },
            ipAllocation: 'DHCP' as const,
          }),
    },
    status: {
      state,
      isActive: true,
      isReady: state === 'Running',
      health: { state: 'Healthy', lastHeartBeatTimestamp: '2026-12-01T10:05:00.000Z', agentVersion: '1.0.0' },
      ...(extra.upgrade ? { upgradeAvailable: { version: extra.upgrade } } : {}),
      conditions: [],
    },
  }
}
