// The root package.json is the release's one source (not a project of the workspace).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version } from '../../../package.json';

/** The release, read from the repository's package.json: its one source. Shown by /api/v1/status, the CLI, the metrics, and announced to the other members. */
export const AGENT_VERSION: string = version;
