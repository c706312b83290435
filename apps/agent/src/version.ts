/** The agent's release; shown by /api/v1/status, the CLI and the metrics. */
export const AGENT_VERSION = '0.1.0';
