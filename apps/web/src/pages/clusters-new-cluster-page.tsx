import { useState } from 'react'
import { useNavigate } from 'react-router'
import '../features/clusters/clusters.css'
import { RequireProjectScope } from '../features/clusters/components/project-scope-notice.tsx'
import { Button } from '../ui/button.tsx'
import { PageHeader } from '../ui/page-header.tsx'

/** The clouds the console deploys to today; a card appears here when its wizard exists. */
const groups = [
  {
    title: 'Public Clouds',
    cards: [{ id: 'aws', label: 'AWS', detail: 'Amazon Web Services: Kubernetes on EC2 instances' }],
  },
  {
    title: 'Managed Kubernetes',
    cards: [
      { id: 'eks', label: 'EKS', detail: 'Amazon Elastic Kubernetes Service' },
      { id: 'tke', label: 'TKE', detail: 'Tencent Kubernetes Engine' },
    ],
  },
  {
    title: 'Data Center',
    cards: [{ id: 'vsphere', label: 'VMware', detail: 'VMware vSphere, through a Private Cloud Gateway' }],
  },
]
const labelOf = (id: string) => groups.flatMap((g) => g.cards).find((c) => c.id === id)?.label ?? id

export function ClustersNewClusterPage() {
  const navigate = useNavigate()
  const [chosen, setChosen] = useState('tke')
  return (
    <>
      <PageHeader title="Add New Cluster" description="Choose where the cluster runs." />
      <RequireProjectScope>
        {groups.map((group) => (
          <fieldset key={group.title} className="fieldset cloud-cards">
            <legend className="fieldset__legend">{group.title}</legend>
            {group.cards.map((card) => (
              <label key={card.id} className={`cloud-card${chosen === card.id ? ' cloud-card--chosen' : ''}`}>
                <input
                  type="radio"
                  name="cloud"
                  value={card.id}
                  checked={chosen === card.id}
                  onChange={() => setChosen(card.id)}
                />
                <span className="cloud-card__label">{card.label}</span>
                <span className="cloud-card__detail">{card.detail}</span>
              </label>
            ))}
          </fieldset>
        ))}
        <div className="wizard__actions">
          <Button onClick={() => navigate('/clusters')}>Cancel</Button>
          <Button variant="primary" onClick={() => navigate(`/clusters/new/${chosen}`)}>
            Start {labelOf(chosen)} Configuration
          </Button>
        </div>
      </RequireProjectScope>
    </>
  )
}
