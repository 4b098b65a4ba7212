import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createApiClient } from './api/client.ts'
import { App } from './app/app.tsx'
import { createAppQueryClient } from './app/query-client.ts'
import { createScopeStore } from './features/scope/scope-store.ts'

const scopeStore = createScopeStore(window.localStorage)
const client = createApiClient({ getProjectUid: () => scopeStore.projectUid() })
const queryClient = createAppQueryClient()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App client={client} queryClient={queryClient} scopeStore={scopeStore} />
  </StrictMode>,
)
