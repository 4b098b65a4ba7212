import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { userMe } from '../../../test/fixtures.ts'
import { renderWithApp } from '../../../test/render.tsx'
import { LoginForm } from './login-form.tsx'

describe('LoginForm', () => {
  it('says "Invalid email or password" when the API answers 401, without naming which', async () => {
    const onLoggedIn = vi.fn()
    const { requests } = renderWithApp(<LoginForm onLoggedIn={onLoggedIn} />, {
      routes: {
        'POST /v1/auth/authenticate': {
          status: 401,
          body: { code: 'InvalidCredentials', message: 'Invalid credentials', ref: 'r-1' },
        },
      },
    })

    await userEvent.type(screen.getByLabelText(/^Email/), 'admin@example.com')
    await userEvent.type(screen.getByLabelText(/^Password/), 'wrong password')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))

    expect((await screen.findByRole('alert')).textContent).toBe('Invalid email or password')
    expect(onLoggedIn).not.toHaveBeenCalled()
    expect(requests[0]?.body).toEqual({ emailId: 'admin@example.com', password: 'wrong password' })
  })

  it('checks the email as the user types and sends nothing while it is invalid', async () => {
    const { requests } = renderWithApp(<LoginForm onLoggedIn={() => {}} />)

    await userEvent.type(screen.getByLabelText(/^Email/), 'not-an-email')
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))

    expect(await screen.findByText('Password is required')).toBeTruthy()
    expect(requests).toEqual([])
  })

  it('logs in, then re-reads who is logged in, and keeps no token', async () => {
    const onLoggedIn = vi.fn()
    const { requests } = renderWithApp(<LoginForm onLoggedIn={onLoggedIn} />, {
      routes: {
        'POST /v1/auth/authenticate': { status: 200, body: { Authorization: 'jwt-value', isMfa: false } },
        'GET /v1/users/me': { status: 200, body: userMe([{ role: 'Tenant Admin' }]) },
      },
    })

    await userEvent.type(screen.getByLabelText(/^Email/), 'admin@example.com')
    await userEvent.type(screen.getByLabelText(/^Password/), 'a good password')
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }))

    await waitFor(() => expect(onLoggedIn).toHaveBeenCalled())
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('jwt-value')
    expect(requests.some((r) => r.path === '/v1/users/me')).toBe(true)
  })
})
