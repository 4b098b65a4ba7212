import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { RecordedRequest } from '../test/fake-fetch.ts'
import { list, metadata, userMe } from '../test/fixtures.ts'
import { renderWithApp } from '../test/render.tsx'
import { AuditLogsPage } from './audit-logs-page.tsx'

function event(uid: string, message: string) {
  return {
    metadata: { uid, creationTimestamp: '2026-11-23T10:00:00.000Z' },
    spec: {
      actionType: 'create',
      actor: { type: 'user', userName: 'Ada', emailId: 'ada@example.com' },
      resource: { kind: 'project', name: `res-${uid}` },
      projectUid: 'p-1',
      message,
    },
  }
}

describe('AuditLogsPage', () => {
  it('pages with the continue cursor and sends the chosen filters', async () => {
    const audits = (req: RecordedRequest) => {
      if (req.query.get('continue') === 'cursor-2') return { status: 200, body: list([event('e-3', 'third')]) }
      if (req.query.get('actionType') === 'delete') return { status: 200, body: list([]) }
      return { status: 200, body: list([event('e-1', 'first'), event('e-2', 'second')], 'cursor-2') }
    }
    const { requests } = renderWithApp(<AuditLogsPage />, {
      me: userMe([{ role: 'Tenant Admin' }], [{ uid: 'p-1', name: 'payments' }]),
      routes: {
        'GET /v1/audits': audits,
        'GET /v1/users': {
          status: 200,
          body: list([
            {
              metadata: metadata('u-1', 'Ada'),
              spec: { emailId: 'ada@example.com', roles: [] },
              status: { isActive: true },
            },
          ]),
        },
      },
    })

    const table = await screen.findByRole('table', { name: 'Audit events' })
    expect(within(table).getByText('first')).toBeTruthy()
    expect(within(table).getAllByText('payments')).toHaveLength(2)

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await within(table).findByText('third')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()

    await userEvent.selectOptions(screen.getByLabelText('Action'), 'delete')
    expect(await screen.findByText('No events match these filters')).toBeTruthy()
    await waitFor(() =>
      expect(requests.some((r) => r.path === '/v1/audits' && r.query.get('actionType') === 'delete')).toBe(true),
    )
    expect(screen.getByRole('option', { name: 'Ada (ada@example.com)' })).toBeTruthy()
  })
})
