import { labOk } from '../lab/lab-runner';

/** A fresh one-host lab for the browser tests; returns its teardown. */
export default function labSetup(): () => void {
  labOk('down');
  labOk('up', '1');
  return () => {
    labOk('down');
  };
}
