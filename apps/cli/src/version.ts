// The root package.json is the release's one source (not a project of the workspace).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version } from '../../../package.json';

/** The release, read from the repository's package.json: its one source (the agent reads it too). */
export const CLI_VERSION: string = version;
