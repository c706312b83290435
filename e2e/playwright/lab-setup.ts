import { labOk } from '../lab/lab-runner';

/** A fresh 3-host lab (un-initialised hosts) for the browser journey; returns its teardown. */
export default function labSetup(): () => void {
  labOk('down');
  labOk('up', '3');
  return () => {
    labOk('down');
  };
}
