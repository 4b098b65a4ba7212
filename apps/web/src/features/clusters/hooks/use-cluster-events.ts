import { type ClusterEvent, clusterEventSchema } from '@console/contracts'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useApiClient } from '../../../api/api-context.tsx'
import { useScope, useScopeKey } from '../../scope/scope-context.tsx'
import { clusterEventStreamUrl, listClusterEvents } from '../api/clusters-api.ts'
import { clustersKey } from './use-clusters.ts'

/** Adds events not seen yet (by uid), oldest first by their installation-wide sequence. */
export function mergeEvents(known: readonly ClusterEvent[], incoming: readonly ClusterEvent[]): ClusterEvent[] {
  const byUid = new Map(known.map((e) => [e.metadata.uid, e]))
  for (const e of incoming) byUid.set(e.metadata.uid, e)
  return [...byUid.values()].sort((a, b) => {
    const x = BigInt(a.seq)
    const y = BigInt(b.seq)
    return x < y ? -1 : x > y ? 1 : 0
  })
}

/**
 * The cluster's events, live: the list is read once, then the SSE stream (session cookie, project
 * in the query) appends each `cluster-event` and a `cluster-state` re-reads the cluster. When the
 * stream fails, the events and the cluster are polled every 5 s until it opens again.
 */
export function useClusterEvents(uid: string | undefined) {
  const client = useApiClient()
  const scopeKey = useScopeKey()
  const projectUid = useScope().current?.projectUid
  const queryClient = useQueryClient()
  const [streamDown, setStreamDown] = useState(false)
  const eventsKey = [clustersKey, scopeKey, 'events', uid]

  const query = useQuery({
    queryKey: eventsKey,
    queryFn: ({ signal }) => listClusterEvents(client, uid as string, signal),
    enabled: uid !== undefined,
    refetchInterval: streamDown ? 5_000 : false,
  })

  useEffect(() => {
    if (!uid || typeof EventSource === 'undefined') {
      setStreamDown(true)
      return
    }
    const source = new EventSource(clusterEventStreamUrl(uid, projectUid), { withCredentials: true })
    source.onopen = () => setStreamDown(false)
    source.onerror = () => setStreamDown(true)
    source.addEventListener('cluster-event', (message) => {
      const parsed = clusterEventSchema.safeParse(JSON.parse((message as MessageEvent<string>).data))
      if (!parsed.success) return
      queryClient.setQueryData<ClusterEvent[]>(eventsKey, (old) => mergeEvents(old ?? [], [parsed.data]))
    })
    source.addEventListener('cluster-state', () => {
      void queryClient.invalidateQueries({ queryKey: [clustersKey, scopeKey, 'one', uid] })
    })
    return () => source.close()
  }, [uid, projectUid, scopeKey, queryClient])

  return { ...query, isLive: !streamDown, streamDown }
}
