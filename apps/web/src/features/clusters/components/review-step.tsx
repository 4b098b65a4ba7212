import type { ClusterProfile, ClusterValidation, TkeClusterCreateInput } from '@console/contracts'
import { LoadingBlock } from '../../../ui/spinner.tsx'
import { stepOfPath, tkeSteps } from '../utils/wizard-steps.ts'

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="review__row">
      <dt>{label}</dt>
      <dd>{value === '' || value === undefined ? '—' : value}</dd>
    </div>
  )
}

const stepTitle = (path: string) => tkeSteps.find((s) => s.id === stepOfPath(path))?.title ?? 'Review'

/** **Review**: everything chosen, and the server's verdict on it. */
export function ReviewStep({
  body,
  profile,
  accountName,
  verdict,
  isChecking,
}: {
  body: TkeClusterCreateInput
  profile: ClusterProfile | undefined
  accountName: string | undefined
  verdict: ClusterValidation | undefined
  isChecking: boolean
}) {
  const { metadata, spec } = body
  const cc = spec.cloudConfig
  return (
    <div className="stack">
      <section className="panel" aria-label="Validation">
        <h3>Validation</h3>
        {isChecking ? <LoadingBlock label="Checking with the server" /> : null}
        {verdict && !isChecking ? (
          verdict.valid ? (
            <p role="status" className="alert alert--success">
              The server accepts this cluster.
            </p>
          ) : (
            <div role="alert" className="alert alert--error">
              <p>The server found problems:</p>
              <ul>
                {verdict.errors.map((e) => (
                  <li key={`${e.path}-${e.message}`}>
                    {stepTitle(e.path)}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
        {verdict && verdict.warnings.length > 0 ? (
          <ul className="alert alert--warning" aria-label="Warnings">
            {verdict.warnings.map((w) => (
              <li key={`${w.path}-${w.message}`}>{w.message}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <dl className="review">
        <Row label="Cluster Name" value={metadata.name} />
        <Row label="Description" value={metadata.description} />
        <Row
          label="Tags"
          value={Object.entries(metadata.labels ?? {})
            .map(([k, v]) => `${k}:${v}`)
            .join(', ')}
        />
        <Row label="Cloud Account" value={accountName} />
        <Row label="Cluster Profile" value={profile ? `${profile.metadata.name} ${profile.spec.version}` : ''} />
        <Row label="Layers" value={profile?.spec.template.packs.map((p) => `${p.name} ${p.tag}`).join(', ')} />
        <Row label="Region" value={cc.region} />
        <Row label="SSH Key Pair Name" value={cc.sshKeyIDs.join(', ')} />
        <Row label="VPCID" value={cc.vpcID} />
        <Row label="Cluster Endpoint Access" value={cc.endpointAccess.private ? 'Private & Public' : 'Public'} />
        <Row label="Public Security Group" value={cc.endpointAccess.securityGroup} />
        <Row label="Public Access CIDRs" value={cc.endpointAccess.publicCIDRs.join(', ')} />
        <Row
          label="Update Worker Pools in parallel"
          value={spec.clusterConfig?.updateWorkerPoolsInParallel ? 'Yes' : 'No'}
        />
      </dl>
      {spec.machinepoolconfig.map((p, i) => (
        <dl key={`${p.poolConfig.name}-${i}`} className="review" aria-label={`Worker pool ${p.poolConfig.name}`}>
          <Row label="Worker pool" value={p.poolConfig.name} />
          <Row
            label="Size"
            value={`min ${p.poolConfig.minSize} · max ${p.poolConfig.maxSize} · desired ${p.poolConfig.size}`}
          />
          <Row label="Instance Type" value={p.cloudConfig.instanceType} />
          <Row
            label="Availability Zones"
            value={p.cloudConfig.azs.map((az) => `${az} (${p.cloudConfig.subnetIds[az] ?? '—'})`).join(', ')}
          />
          <Row label="Disk Size" value={`${p.cloudConfig.rootDeviceSize} GB`} />
        </dl>
      ))}
    </div>
  )
}
