import {
  type CloudType,
  type ClusterProfile,
  type ClusterValidation,
  clusterValidationSchema,
} from '@console/contracts'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { describeError, isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { useCreateCluster, useValidateCluster } from '../hooks/use-clusters.ts'
import { useWizardDraft } from '../hooks/use-wizard-draft.ts'
import { useWizardLayers } from '../hooks/use-wizard-layers.ts'
import type { WizardKindId } from '../utils/draft-storage.ts'
import { isRevealed } from '../utils/reveal.ts'
import type { WizardLayer } from '../utils/validate-draft.ts'
import type { PooledDraft } from '../utils/wizard-draft.ts'
import {
  errorAt,
  nextStep,
  type Problem,
  previousStep,
  problemsOfStep,
  stepIndex,
  type TkeStepId,
  tkeSteps,
} from '../utils/wizard-steps.ts'
import { ClusterProfileStep } from './cluster-profile-step.tsx'
import { ParametersStep } from './parameters-step.tsx'
import type { StepProps } from './step-props.ts'

/** What a step is drawn from: the draft and its errors, the chosen profile and its layers, the body and the server's verdict. */
export interface WizardStepContext<D extends PooledDraft, B> {
  stepProps: StepProps<D>
  profile: ClusterProfile | undefined
  layers: readonly WizardLayer[]
  body: B
  verdict: ClusterValidation | undefined
  isChecking: boolean
}

/**
 * One cloud's wizard: its draft, how the draft becomes the create body, what the browser checks, and
 * how each step is drawn. Define it at module level (the functions must be stable).
 */
export interface ClusterWizardKind<D extends PooledDraft, B> {
  id: WizardKindId
  /** The profiles' and packs' cloud type. */
  cloudType: CloudType
  /** How the Cluster Profile step names the cloud ("No published EKS cluster profile…"). */
  cloudName: string
  emptyDraft: () => D
  /** The body, and the problems only the draft can see (tags, labels that do not parse). */
  toBody: (draft: D, layers: readonly WizardLayer[]) => { body: B; problems: Problem[] }
  /** Everything the browser checks as the user types (schema, rules, layer values), `problems` included. */
  validate: (body: B, problems: readonly Problem[], layers: readonly WizardLayer[]) => Problem[]
  /**
   * Optional: a hook checking the body against what the cloud's inventory endpoints answered (zones,
   * networks, key pairs, instance types), as the server does again. Called on every render.
   */
  useInventoryProblems?: (draft: D, body: B) => Problem[]
  /** The cloud's own steps; the shell draws Cluster Profile and Parameters itself. */
  renderStep: (step: CloudStepId, context: WizardStepContext<D, B>) => ReactNode
}

/** The steps each cloud draws itself. */
export type CloudStepId = Exclude<TkeStepId, 'profile' | 'parameters'>

const none: Problem[] = []
const noInventoryProblems = () => none

function StepList({ current }: { current: TkeStepId }) {
  const at = stepIndex(current)
  return (
    <ol className="wizard__steps" aria-label="Steps">
      {tkeSteps.map((s, i) => (
        <li key={s.id} aria-current={s.id === current ? 'step' : undefined} className={i < at ? 'is-done' : undefined}>
          {s.title}
        </li>
      ))}
    </ol>
  )
}

/**
 * A cluster wizard: six steps over one draft kept in localStorage, each checked as the user types and,
 * on **Next**, by the server's validate endpoint; Review shows the server's verdict, Deploy creates.
 */
export function ClusterWizard<D extends PooledDraft, B>({ kind }: { kind: ClusterWizardKind<D, B> }) {
  const navigate = useNavigate()
  const { draft, step, update: updateDraft, setStep, discard } = useWizardDraft(kind.id, kind.emptyDraft)
  const { profile, layers } = useWizardLayers(draft.profileUid, kind.cloudType)
  const validate = useValidateCluster(kind.id)
  const create = useCreateCluster(kind.id)
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [attempted, setAttempted] = useState<ReadonlySet<TkeStepId>>(new Set())
  const [serverProblems, setServerProblems] = useState<Problem[]>([])
  const [verdict, setVerdict] = useState<{ key: string; answer: ClusterValidation }>()
  const [failure, setFailure] = useState<{ message: string; reference?: string }>()

  const { body, problems: draftProblems } = useMemo(() => kind.toBody(draft, layers), [kind, draft, layers])
  const bodyKey = JSON.stringify(body)
  const inventoryProblems = (kind.useInventoryProblems ?? noInventoryProblems)(draft, body)
  const localProblems = useMemo(
    () => [...kind.validate(body, draftProblems, layers), ...inventoryProblems],
    [kind, body, draftProblems, layers, inventoryProblems],
  )

  const update = (change: Partial<D>, path?: string) => {
    updateDraft(change)
    if (path) setTouched((t) => new Set(t).add(path))
    setServerProblems([])
  }
  const visible = [
    ...localProblems.filter((p) => attempted.has(step) || isRevealed(p.path, touched)),
    ...serverProblems,
  ]
  const errorOf = (path: string, nested?: boolean) => errorAt(visible, path, nested)

  async function check(): Promise<ClusterValidation | undefined> {
    setFailure(undefined)
    try {
      const answer = await validate.mutateAsync(body)
      setVerdict({ key: bodyKey, answer })
      return answer
    } catch (error) {
      setFailure(describeError(error))
      return undefined
    }
  }

  // Arriving on Review (also after a reload) asks the server about the whole body once.
  useEffect(() => {
    if (step === 'review' && verdict?.key !== bodyKey && !validate.isPending) void check()
  }, [step, bodyKey])

  async function onNext() {
    setAttempted((a) => new Set(a).add(step))
    if (problemsOfStep(localProblems, step).length > 0) return
    const answer = await check()
    if (!answer) return
    const result = nextStep(step, answer.errors)
    setServerProblems(result.blocking)
    setStep(result.step)
  }

  async function onDeploy() {
    setFailure(undefined)
    try {
      const created = await create.mutateAsync(body)
      discard()
      navigate(`/clusters/${encodeURIComponent(created.uid)}`)
    } catch (error) {
      const details = isApiRequestError(error) ? clusterValidationSchema.safeParse(error.body.details) : undefined
      if (details?.success) setVerdict({ key: bodyKey, answer: details.data })
      else setFailure(describeError(error))
    }
  }

  const title = tkeSteps[stepIndex(step)]?.title ?? ''
  const reviewVerdict = verdict?.key === bodyKey ? verdict.answer : undefined
  const blocking = attempted.has(step) ? problemsOfStep([...localProblems, ...serverProblems], step) : []

  // The shared steps change only fields every draft has: a Partial<WizardDraft> is a valid change of D.
  const sharedStepProps: StepProps = { draft, update: update as StepProps['update'], errorOf }

  return (
    <div className="wizard">
      <StepList current={step} />
      <section className="panel wizard__body" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title">{title}</h2>
        {step === 'profile' ? (
          <ClusterProfileStep
            {...sharedStepProps}
            profile={profile}
            cloudType={kind.cloudType}
            cloudName={kind.cloudName}
          />
        ) : step === 'parameters' ? (
          <ParametersStep {...sharedStepProps} layers={layers} cloudType={kind.cloudType} />
        ) : (
          kind.renderStep(step, {
            stepProps: { draft, update, errorOf },
            profile,
            layers,
            body,
            verdict: reviewVerdict,
            isChecking: validate.isPending,
          })
        )}
        {step !== 'review' && blocking.length > 0 ? (
          <p className="alert alert--error" role="alert">
            Fix {blocking.length === 1 ? 'the problem' : `the ${blocking.length} problems`} on this step to continue.
          </p>
        ) : null}
        {failure ? (
          <div className="alert alert--error" role="alert">
            <p>{failure.message}</p>
            {failure.reference ? <p className="alert__detail">Reference: {failure.reference}</p> : null}
          </div>
        ) : null}
      </section>
      <div className="wizard__actions">
        <Button
          variant="ghost"
          onClick={() => {
            discard()
            navigate('/clusters')
          }}
        >
          Cancel
        </Button>
        <Button disabled={step === 'basic'} onClick={() => setStep(previousStep(step))}>
          Back
        </Button>
        {step === 'review' ? (
          <Button
            variant="primary"
            isLoading={create.isPending}
            disabled={!reviewVerdict?.valid || localProblems.length > 0}
            onClick={() => void onDeploy()}
          >
            Deploy
          </Button>
        ) : (
          <Button variant="primary" isLoading={validate.isPending} onClick={() => void onNext()}>
            Next
          </Button>
        )}
      </div>
    </div>
  )
}
