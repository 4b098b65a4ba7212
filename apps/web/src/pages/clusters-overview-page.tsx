import { useParams } from 'react-router'
import { describeError } from '../api/api-error.ts'
import '../features/clusters/clusters.css'
import { ClusterSummary } from '../features/clusters/components/cluster-summary.tsx'
import { EventsTimeline } from '../features/clusters/components/events-timeline.tsx'
import { SettingsMenu } from '../features/clusters/components/settings-menu.tsx'
import { useClusterEvents } from '../features/clusters/hooks/use-cluster-events.ts'
import { useCluster } from '../features/clusters/hooks/use-clusters.ts'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { PageHeader } from '../ui/page-header.tsx'
import { LoadingBlock } from '../ui/spinner.tsx'

/** **Cluster Overview**: state, conditions, layers, pools, cloud resources, tags and the live **Events**. */
export function ClustersOverviewPage() {
  const { uid } = useParams()
  const events = useClusterEvents(uid)
  const cluster = useCluster(uid, events.streamDown)
  if (cluster.isError) return <ErrorPanel {...describeError(cluster.error)} onRetry={() => void cluster.refetch()} />
  if (!cluster.data) return <LoadingBlock label="Loading the cluster" />
  return (
    <>
      <PageHeader
        title={cluster.data.metadata.name}
        description="Cluster Overview"
        actions={<SettingsMenu cluster={cluster.data} />}
      />
      <div className="cluster-overview">
        <ClusterSummary cluster={cluster.data} />
        <EventsTimeline events={events.data} isLoading={events.isLoading} isLive={events.isLive} />
      </div>
    </>
  )
}
