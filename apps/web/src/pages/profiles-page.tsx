import type { ClusterProfile } from '@console/contracts'
import { cloudTypeSchema, profileTypeSchema } from '@console/contracts'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { describeError } from '../api/api-error.ts'
import { CloneProfileDialog } from '../features/profiles/components/clone-profile-dialog.tsx'
import { DeleteProfileDialog } from '../features/profiles/components/delete-profile-dialog.tsx'
import { type ProfileFilters, ProfileFiltersBar } from '../features/profiles/components/profile-filters-bar.tsx'
import { ProfilesTable } from '../features/profiles/components/profiles-table.tsx'
import { useProfiles } from '../features/profiles/hooks/use-profiles.ts'
import { useCan } from '../features/scope/scope-context.tsx'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function ProfilesPage() {
  const [params, setParams] = useSearchParams()
  const filters: ProfileFilters = {
    cloudType: cloudTypeSchema.safeParse(params.get('cloudType')).data,
    type: profileTypeSchema.safeParse(params.get('type')).data,
  }
  const profiles = useProfiles(filters)
  const canWrite = useCan('profiles.write')
  const navigate = useNavigate()
  const [cloning, setCloning] = useState<ClusterProfile | null>(null)
  const [deleting, setDeleting] = useState<ClusterProfile | null>(null)

  return (
    <>
      <PageHeader
        title="Profiles"
        description="Cluster profiles: the layers a cluster is built from, versioned and published."
        actions={
          canWrite ? (
            <Button variant="primary" onClick={() => navigate('/profiles/new')}>
              + New Profile
            </Button>
          ) : null
        }
      />
      <ProfileFiltersBar
        filters={filters}
        onChange={(next) => {
          const search = new URLSearchParams()
          if (next.cloudType) search.set('cloudType', next.cloudType)
          if (next.type) search.set('type', next.type)
          setParams(search, { replace: true })
        }}
      />
      {profiles.isError ? (
        <ErrorPanel {...describeError(profiles.error)} onRetry={() => void profiles.refetch()} />
      ) : (
        <section className="panel" aria-label="Profile list">
          <ProfilesTable
            profiles={profiles.items}
            isLoading={profiles.isLoading}
            isFiltered={Boolean(filters.cloudType || filters.type)}
            onClone={canWrite ? setCloning : undefined}
            onDelete={canWrite ? setDeleting : undefined}
          />
          <ListFooter
            shown={profiles.items?.length ?? 0}
            total={profiles.total}
            hasMore={profiles.hasMore}
            isLoadingMore={profiles.isLoadingMore}
            onLoadMore={profiles.loadMore}
            noun="profiles"
          />
        </section>
      )}
      <CloneProfileDialog source={cloning} onClose={() => setCloning(null)} />
      <DeleteProfileDialog profile={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}
