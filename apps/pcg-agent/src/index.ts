export { AGENT_VERSION, type AgentOptions, CREDENTIAL_FILE, type RunningAgent, startAgent } from './agent.ts'
export { Logger } from './log.ts'
export { type AgentConfig, checkOptions, type RawOptions, readRawOptions } from './options.ts'
export { runTask, type TaskContext, TaskError } from './tasks.ts'
