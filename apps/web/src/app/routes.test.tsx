import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { ApiClientProvider } from '../api/api-context.tsx'
import { createApiClient } from '../api/client.ts'
import { ScopeStoreProvider } from '../features/scope/scope-context.tsx'
import { createScopeStore } from '../features/scope/scope-store.ts'
import { type FakeAnswer, fakeFetch } from '../test/fake-fetch.ts'
import { list, userMe } from '../test/fixtures.ts'
import { ToastProvider } from '../ui/toasts.tsx'
import { routes } from './routes.tsx'

function renderApp(path: string, answers: Record<string, FakeAnswer>) {
  const fake = fakeFetch(answers)
  const scopeStore = createScopeStore(window.localStorage)
  const client = createApiClient({
    fetch: fake.fetch,
    getProjectUid: () => scopeStore.projectUid(),
    getCookies: () => 'csrf_token=tok',
  })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  render(
    <ApiClientProvider client={client}>
      <ScopeStoreProvider store={scopeStore}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </QueryClientProvider>
      </ScopeStoreProvider>
    </ApiClientProvider>,
  )
  return { router, requests: fake.requests }
}

const unauthorized = { status: 401, body: { code: 'Unauthorized', message: 'Log in', ref: 'r' } }

describe('routes', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    const { router } = renderApp('/users', { 'GET /v1/users/me': unauthorized })

    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    expect(router.state.location.search).toBe('?next=%2Fusers')
  })

  it('opens the first menu entry of the scope on the home route', async () => {
    const { router } = renderApp('/', {
      'GET /v1/users/me': { status: 200, body: userMe([{ role: 'Tenant Admin' }]) },
      'GET /v1/spectroclusters': { status: 200, body: list([]) },
    })

    // Clusters is the first entry. The page is a lazy chunk: give a busy machine time to load it.
    expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' }, { timeout: 5000 })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/clusters')
    expect(await screen.findByText('No clusters yet', {}, { timeout: 5000 })).toBeTruthy()
  })

  it('explains instead of rendering a page the scope does not offer', async () => {
    renderApp('/users', {
      'GET /v1/users/me': {
        status: 200,
        body: userMe([{ role: 'Project Viewer', projectUid: 'p-1', projectName: 'web' }]),
      },
    })

    expect(await screen.findByText(/Users is not available in the current scope/)).toBeTruthy()
    const menu = screen.getByRole('navigation', { name: 'Main Menu' })
    expect(within(menu).queryByRole('link', { name: 'Users' })).toBeNull()
  })

  it('shows a 404 page inside the console for unknown routes', async () => {
    renderApp('/no/such/page', { 'GET /v1/users/me': { status: 200, body: userMe([{ role: 'Tenant Admin' }]) } })

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/')
  })

  it('logs out from the user menu with the CSRF header and lands on the login page', async () => {
    let isLoggedIn = true
    const { router, requests } = renderApp('/api-keys', {
      'GET /v1/users/me': () => (isLoggedIn ? { status: 200, body: userMe([{ role: 'Tenant Admin' }]) } : unauthorized),
      'GET /v1/apiKeys': { status: 200, body: list([]) },
      'POST /v1/auth/logout': () => {
        isLoggedIn = false
        return { status: 204 }
      },
    })

    await userEvent.click(await screen.findByRole('button', { name: /ada@example.com/ }, { timeout: 5000 }))
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }))

    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy()
    expect(router.state.location.pathname).toBe('/login')
    expect(requests.find((r) => r.path === '/v1/auth/logout')?.headers.get('X-CSRF-Token')).toBe('tok')
  })
})
