import { type ClusterValidation, clusterValidationSchema } from '@console/contracts'
import { useEffect, useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { describeError, isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { useCreateTkeCluster, useValidateTkeCluster } from '../hooks/use-clusters.ts'
import { useTkeDraft } from '../hooks/use-tke-draft.ts'
import { useTencentAccounts } from '../hooks/use-tke-inventory.ts'
import { useWizardLayers } from '../hooks/use-wizard-layers.ts'
import { isRevealed } from '../utils/reveal.ts'
import { type TkeDraft, toTkeCreateBody } from '../utils/tke-draft.ts'
import { validateTkeBody } from '../utils/validate-draft.ts'
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
import { BasicInformationStep } from './basic-information-step.tsx'
import { ClusterConfigStep } from './cluster-config-step.tsx'
import { ClusterProfileStep } from './cluster-profile-step.tsx'
import { NodesConfigStep } from './nodes-config-step.tsx'
import { ParametersStep } from './parameters-step.tsx'
import { ReviewStep } from './review-step.tsx'
import type { StepProps } from './step-props.ts'

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

/** The TKE cluster wizard: six steps over one draft kept in localStorage, each checked before Next. */
export function TkeWizard() {
  const navigate = useNavigate()
  const { draft, step, update: updateDraft, setStep, discard } = useTkeDraft()
  const { profile, layers } = useWizardLayers(draft.profileUid)
  const accounts = useTencentAccounts()
  const validate = useValidateTkeCluster()
  const create = useCreateTkeCluster()
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [attempted, setAttempted] = useState<ReadonlySet<TkeStepId>>(new Set())
  const [serverProblems, setServerProblems] = useState<Problem[]>([])
  const [verdict, setVerdict] = useState<{ key: string; answer: ClusterValidation }>()
  const [failure, setFailure] = useState<{ message: string; reference?: string }>()

  const { body, tagError } = useMemo(() => toTkeCreateBody(draft, layers), [draft, layers])
  const bodyKey = JSON.stringify(body)
  const localProblems = useMemo(() => validateTkeBody(body, tagError, layers), [body, tagError, layers])

  const update = (change: Partial<TkeDraft>, path?: string) => {
    updateDraft(change)
    if (path) setTouched((t) => new Set(t).add(path))
    setServerProblems([])
  }
  const visible = [
    ...localProblems.filter((p) => attempted.has(step) || isRevealed(p.path, touched)),
    ...serverProblems,
  ]
  const errorOf = (path: string, nested?: boolean) => errorAt(visible, path, nested)
  const stepProps: StepProps = { draft, update, errorOf }

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

  return (
    <div className="wizard">
      <StepList current={step} />
      <section className="panel wizard__body" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title">{title}</h2>
        {step === 'basic' ? <BasicInformationStep {...stepProps} /> : null}
        {step === 'profile' ? <ClusterProfileStep {...stepProps} profile={profile} /> : null}
        {step === 'parameters' ? <ParametersStep {...stepProps} layers={layers} /> : null}
        {step === 'config' ? <ClusterConfigStep {...stepProps} /> : null}
        {step === 'nodes' ? <NodesConfigStep {...stepProps} /> : null}
        {step === 'review' ? (
          <ReviewStep
            body={body}
            profile={profile}
            accountName={accounts.data?.find((a) => a.metadata.uid === draft.cloudAccountUid)?.metadata.name}
            verdict={reviewVerdict}
            isChecking={validate.isPending}
          />
        ) : null}
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
