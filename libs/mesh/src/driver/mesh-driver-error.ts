export type MeshDriverProblem = 'tools-missing' | 'port-in-use' | 'ip-conflict' | 'command-failed';

/** A driver failure with a message an admin can act on. */
export class MeshDriverError extends Error {
  constructor(
    readonly problem: MeshDriverProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MeshDriverError';
  }
}
