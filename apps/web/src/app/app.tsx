import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { ApiClientProvider } from '../api/api-context.tsx'
import type { ApiClient } from '../api/client.ts'
import { ScopeStoreProvider } from '../features/scope/scope-context.tsx'
import type { ScopeStore } from '../features/scope/scope-store.ts'
import { ToastProvider } from '../ui/toasts.tsx'
import { routes } from './routes.tsx'

export interface AppProps {
  client: ApiClient
  queryClient: QueryClient
  scopeStore: ScopeStore
}

export function App({ client, queryClient, scopeStore }: AppProps) {
  const [router] = useState(() => createBrowserRouter(routes))
  return (
    <ApiClientProvider client={client}>
      <ScopeStoreProvider store={scopeStore}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </QueryClientProvider>
      </ScopeStoreProvider>
    </ApiClientProvider>
  )
}
