/** How a pass ended, as far as the cluster's progress goes. */
export type PassResult =
  /** Another pass of the cluster held its lock: this one came back later without doing anything. */
  | 'busy'
  /** Nothing to do: the cluster is gone or not in a working state. */
  | 'skipped'
  /** The cloud is still at it: another pass later. */
  | 'waiting'
  /** Running (or Deleted): the cluster's passes are over. */
  | 'done'
  /** A transient failure: another pass after the backoff. */
  | 'retry'
  /** Given up: the cluster is in Error (or its deletion failed and waits at the slowest pace). */
  | 'failed'
  /** Force deleted under the pass, or the worker is stopping: nothing more written. */
  | 'abandoned'

/** One pass as the engine ran it: where its time went (ClusterEngine.observe). */
export interface PassSample {
  clusterUid: string
  /** Unknown when the pass did not get to load the cluster. */
  cloudType?: string
  /** The state the pass found. */
  state?: string
  result: PassResult
  /**
   * The pass's time by step, in order: `lock` (the cluster's advisory lock), `load` (the cluster, its
   * credentials, the driver's look-ups before it reports anything), then one entry per task the driver
   * reported (its reason: what ran from that report to the next), `record` (the outcome written) and
   * `schedule` (the next pass enqueued).
   */
  steps: Array<{ step: string; ms: number }>
  /** The whole pass, in this process. */
  ms: number
}

/**
 * Times a pass step by step: `step(name)` ends the current step and starts the next, `finish()` ends
 * the last and answers the sample. A step named twice in a pass (a driver reporting the same task
 * again) gets one entry per time.
 */
export class PassTrace {
  cloudType?: string
  state?: string
  result: PassResult = 'skipped'
  private readonly steps: Array<{ step: string; ms: number }> = []
  private readonly started: number
  private current: string
  private since: number

  constructor(
    readonly clusterUid: string,
    first = 'lock',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now()
    this.since = this.started
    this.current = first
  }

  step(name: string): void {
    const at = this.now()
    this.steps.push({ step: this.current, ms: at - this.since })
    this.current = name
    this.since = at
  }

  finish(): PassSample {
    const at = this.now()
    this.steps.push({ step: this.current, ms: at - this.since })
    return {
      clusterUid: this.clusterUid,
      cloudType: this.cloudType,
      state: this.state,
      result: this.result,
      steps: this.steps,
      ms: at - this.started,
    }
  }
}
