import type { UserMe } from '@console/contracts'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter } from 'react-router'
import { ApiClientProvider } from '../api/api-context.tsx'
import { createApiClient } from '../api/client.ts'
import { ScopeProvider, ScopeStoreProvider } from '../features/scope/scope-context.tsx'
import { createScopeStore } from '../features/scope/scope-store.ts'
import { ToastProvider } from '../ui/toasts.tsx'
import { type FakeAnswer, fakeFetch } from './fake-fetch.ts'

/** Renders UI the way the app does (client, scope, query cache, toasts, router) over a fake fetch. */
export function renderWithApp(
  ui: ReactNode,
  options: { routes?: Record<string, FakeAnswer>; me?: UserMe; scopeKey?: string; cookie?: string; path?: string } = {},
) {
  const fake = fakeFetch(options.routes ?? {})
  const scopeStore = createScopeStore(window.localStorage)
  if (options.scopeKey) scopeStore.set(options.scopeKey)
  const client = createApiClient({
    fetch: fake.fetch,
    getProjectUid: () => scopeStore.projectUid(),
    getCookies: () => options.cookie ?? 'csrf_token=test-csrf',
  })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  const content = options.me ? (
    <ScopeProvider me={options.me} fallback={null}>
      {ui}
    </ScopeProvider>
  ) : (
    ui
  )
  const result = render(
    <ApiClientProvider client={client}>
      <ScopeStoreProvider store={scopeStore}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <MemoryRouter initialEntries={[options.path ?? '/']}>{content}</MemoryRouter>
          </ToastProvider>
        </QueryClientProvider>
      </ScopeStoreProvider>
    </ApiClientProvider>,
  )
  return { ...result, requests: fake.requests, scopeStore, queryClient }
}
