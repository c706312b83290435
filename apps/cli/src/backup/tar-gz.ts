import { gunzipSync, gzipSync } from 'node:zlib';
import { readTar, writeTar, type TarEntry } from './tar';

export function packTarGz(entries: readonly TarEntry[]): Buffer {
  return gzipSync(writeTar(entries));
}

export function unpackTarGz(archive: Buffer): { entries: TarEntry[] } | { problem: string } {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (error) {
    return { problem: `not a gzip archive (${(error as Error).message})` };
  }
  return readTar(tar);
}
