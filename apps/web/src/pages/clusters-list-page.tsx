import { clusterCloudTypeSchema, clusterStateSchema } from '@console/contracts'
import { useDeferredValue } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { describeError } from '../api/api-error.ts'
import '../features/clusters/clusters.css'
import type { ClusterListFilters } from '../features/clusters/api/clusters-api.ts'
import { ClusterFiltersBar } from '../features/clusters/components/cluster-filters-bar.tsx'
import { ClustersTable } from '../features/clusters/components/clusters-table.tsx'
import { useClusters } from '../features/clusters/hooks/use-clusters.ts'
import { useCan } from '../features/scope/scope-context.tsx'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function ClustersListPage() {
  const [params, setParams] = useSearchParams()
  const filters: ClusterListFilters = {
    search: params.get('search') || undefined,
    state: clusterStateSchema.safeParse(params.get('state')).data,
    cloudType: clusterCloudTypeSchema.safeParse(params.get('cloudType')).data,
  }
  const deferredSearch = useDeferredValue(filters.search)
  const clusters = useClusters({ ...filters, search: deferredSearch })
  const canWrite = useCan('clusters.write')
  const navigate = useNavigate()

  return (
    <>
      <PageHeader
        title="Clusters"
        description="Kubernetes clusters deployed from a cluster profile, with their state and events."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => navigate('/clusters/new')}>
              Add New Cluster
            </Button>
          ) : null
        }
      />
      <ClusterFiltersBar
        filters={filters}
        onChange={(next) => {
          const search = new URLSearchParams()
          if (next.search) search.set('search', next.search)
          if (next.state) search.set('state', next.state)
          if (next.cloudType) search.set('cloudType', next.cloudType)
          setParams(search, { replace: true })
        }}
      />
      {clusters.isError ? (
        <ErrorPanel {...describeError(clusters.error)} onRetry={() => void clusters.refetch()} />
      ) : (
        <section className="panel" aria-label="Cluster list">
          <ClustersTable
            clusters={clusters.items}
            isLoading={clusters.isLoading}
            isFiltered={Boolean(filters.search || filters.state || filters.cloudType)}
          />
          <ListFooter
            shown={clusters.items?.length ?? 0}
            total={clusters.total}
            hasMore={clusters.hasMore}
            isLoadingMore={clusters.isLoadingMore}
            onLoadMore={clusters.loadMore}
            noun="clusters"
          />
        </section>
      )}
    </>
  )
}
