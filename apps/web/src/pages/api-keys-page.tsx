import type { ApiKey } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../api/api-error.ts'
import { ApiKeysTable } from '../features/api-keys/components/api-keys-table.tsx'
import { NewApiKeyDialog } from '../features/api-keys/components/new-api-key-dialog.tsx'
import { RevokeApiKeyDialog } from '../features/api-keys/components/revoke-api-key-dialog.tsx'
import { useApiKeys } from '../features/api-keys/hooks/use-api-keys.ts'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function ApiKeysPage() {
  const apiKeys = useApiKeys()
  const [isCreating, setIsCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  return (
    <>
      <PageHeader
        title="API Keys"
        description="Keys let scripts and pipelines call the API as you. A key is shown once, when it is created."
        actions={
          <Button variant="primary" onClick={() => setIsCreating(true)}>
            + New API Key
          </Button>
        }
      />
      {apiKeys.isError ? (
        <ErrorPanel {...describeError(apiKeys.error)} onRetry={() => void apiKeys.refetch()} />
      ) : (
        <section className="panel" aria-label="API key list">
          <ApiKeysTable apiKeys={apiKeys.items} isLoading={apiKeys.isLoading} onRevoke={setRevoking} />
          <ListFooter
            shown={apiKeys.items?.length ?? 0}
            total={apiKeys.total}
            hasMore={apiKeys.hasMore}
            isLoadingMore={apiKeys.isLoadingMore}
            onLoadMore={apiKeys.loadMore}
            noun="keys"
          />
        </section>
      )}
      {isCreating ? <NewApiKeyDialog onClose={() => setIsCreating(false)} /> : null}
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  )
}
