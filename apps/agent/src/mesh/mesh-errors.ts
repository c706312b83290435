import { MeshDriverError } from '@sfha/mesh';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** Runs a driver call; its failures become API errors with the driver's clear message. */
export async function driverStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof MeshDriverError)) throw error;
    const code = {
      'tools-missing': ErrorCode.MeshToolsMissing,
      'port-in-use': ErrorCode.MeshPortInUse,
      'ip-conflict': ErrorCode.MeshIpConflict,
      'command-failed': ErrorCode.MeshFailed,
    }[error.problem];
    throw new DomainError(code, error.message);
  }
}

export const notInCluster = () => new DomainError(ErrorCode.NotInCluster, 'this node is in no cluster yet: sfha init creates one, sfha join joins one');
