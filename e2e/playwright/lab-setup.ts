import { holdLabForRun, releaseLab } from '../lab/lab-lock';
import { labOk } from '../lab/lab-runner';

/** A fresh 3-host lab (un-initialised hosts) of lab SFHA_LAB, held for the run; returns its teardown. */
export default async function labSetup(): Promise<() => void> {
  await holdLabForRun();
  labOk('down');
  try {
    labOk('up', '3');
  } catch (error) {
    // Leave nothing running: the lab lock is released when Playwright exits.
    labOk('down');
    releaseLab();
    throw error;
  }
  return () => {
    labOk('down');
    releaseLab();
  };
}
