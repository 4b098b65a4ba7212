import type { Sandbox } from '@console/contracts'
import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { SandboxBadge } from './sandbox-badge.tsx'

const sandbox: Sandbox = {
  adminUrl: 'http://127.0.0.1:9/_admin',
  tencent: { endpoint: '127.0.0.1:9', protocol: 'http://', accounts: [] },
  aws: { endpoint: 'http://127.0.0.1:9', accounts: [], roles: [] },
  vsphere: { endpoint: 'http://127.0.0.1:9', username: 'u', password: 'p' },
}

describe('SandboxBadge', () => {
  it('marks a console that runs against the fake clouds', async () => {
    renderWithApp(<SandboxBadge />, {
      me: userMe([{ role: 'Tenant Admin' }]),
      routes: { 'GET /v1/sandbox': { status: 200, body: sandbox } },
    })
    expect(await screen.findByText('Sandbox clouds')).toBeTruthy()
  })

  it('shows nothing with real clouds (404)', async () => {
    const { requests } = renderWithApp(<SandboxBadge />, {
      me: userMe([{ role: 'Tenant Admin' }]),
      routes: { 'GET /v1/sandbox': { status: 404, body: { code: 'NotFound', message: 'no', ref: 'r' } } },
    })
    await vi.waitFor(() => expect(requests.some((r) => r.path === '/v1/sandbox')).toBe(true))
    expect(screen.queryByText('Sandbox clouds')).toBeNull()
  })

  it('does not ask without sandbox.read in the current scope', async () => {
    const { requests } = renderWithApp(<SandboxBadge />, {
      me: userMe([{ role: 'Project Admin', projectUid: 'p-1', projectName: 'payments' }]),
      routes: { 'GET /v1/sandbox': { status: 200, body: sandbox } },
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(requests.filter((r) => r.path === '/v1/sandbox')).toEqual([])
    expect(screen.queryByText('Sandbox clouds')).toBeNull()
  })
})
