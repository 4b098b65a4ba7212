import type { CloudType, ClusterProfile } from '@console/contracts'
import { useState } from 'react'
import { Button } from '../../../ui/button.tsx'
import { Dialog } from '../../../ui/dialog.tsx'
import { LoadingBlock } from '../../../ui/spinner.tsx'
import { useProfiles } from '../../profiles/hooks/use-profiles.ts'
import type { StepProps } from './step-props.ts'

/** Published, deployable (not add-on only) profiles. */
function deployable(p: ClusterProfile) {
  return p.spec.published && p.spec.template.type !== 'add-on'
}

export function LayerList({ profile }: { profile: ClusterProfile }) {
  return (
    <ol className="layer-list" aria-label={`Layers of ${profile.metadata.name}`}>
      {profile.spec.template.packs.map((p) => (
        <li key={p.name}>
          <span className="layer-list__layer">{p.layer}</span> {p.name} {p.tag}
        </li>
      ))}
    </ol>
  )
}

export function ClusterProfileStep({
  draft,
  update,
  errorOf,
  profile,
  cloudType,
  cloudName,
}: StepProps & {
  profile: ClusterProfile | undefined
  /** The profiles' cloud type (`tencent` for TKE, `eks` for EKS). */
  cloudType: CloudType
  /** How the empty list names the cloud ("Tencent", "EKS"). */
  cloudName: string
}) {
  const [picking, setPicking] = useState(false)
  const profiles = useProfiles({ cloudType })
  const choices = (profiles.items ?? []).filter(deployable)
  const error = errorOf('spec.profiles', true)
  return (
    <div className="stack">
      {profile ? (
        <section className="panel" aria-label="Chosen cluster profile">
          <h3>
            {profile.metadata.name} {profile.spec.version}
          </h3>
          <LayerList profile={profile} />
        </section>
      ) : draft.profileUid ? (
        <LoadingBlock label="Loading the profile" />
      ) : (
        <p>No cluster profile chosen yet.</p>
      )}
      <div>
        <Button onClick={() => setPicking(true)}>
          {draft.profileUid ? 'Change Cluster Profile' : 'Add Cluster Profile'}
        </Button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <Dialog open={picking} onClose={() => setPicking(false)} title="Add Cluster Profile" size="md">
        {profiles.isLoading ? <LoadingBlock label="Loading profiles" /> : null}
        {!profiles.isLoading && choices.length === 0 ? (
          <p>No published {cloudName} cluster profile in this scope. Publish one on the Profiles page first.</p>
        ) : null}
        <ul className="choice-list">
          {choices.map((p) => (
            <li key={p.metadata.uid}>
              <Button
                variant={p.metadata.uid === draft.profileUid ? 'primary' : 'secondary'}
                onClick={() => {
                  update({ profileUid: p.metadata.uid, packValues: {} }, 'spec.profiles')
                  setPicking(false)
                }}
              >
                {p.metadata.name} {p.spec.version}
              </Button>{' '}
              <span className="cell-sub">{p.spec.template.packs.map((l) => l.name).join(' · ')}</span>
            </li>
          ))}
        </ul>
        {profiles.hasMore ? <Button onClick={profiles.loadMore}>Load more</Button> : null}
      </Dialog>
    </div>
  )
}
