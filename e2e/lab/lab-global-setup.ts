import { holdLabForRun, releaseLab } from './lab-lock';

/** Vitest's lab project holds its lab (SFHA_LAB) for the whole run: another run of the same lab waits. */
export default async function holdLab(): Promise<() => void> {
  await holdLabForRun();
  return releaseLab;
}
