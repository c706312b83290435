import { labOk } from '../lab/lab-runner';

/** A fresh 3-host lab (un-initialised hosts) for the browser journey; returns its teardown. */
export default function labSetup(): () => void {
  labOk('down');
  try {
    labOk('up', '3');
  } catch (error) {
    // Leave nothing running: the lab lock is released when Playwright exits.
    labOk('down');
    throw error;
  }
  return () => {
    labOk('down');
  };
}
