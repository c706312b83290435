/** Injection token of the validated {@link AgentConfig}. */
export const AGENT_CONFIG = Symbol('AGENT_CONFIG');
