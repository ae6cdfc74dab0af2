import { CheckerPage } from "../../components/CheckerPage";
import { readPinCheck } from "../../server/shared/checkers";
import { pinCheckerQuerySchema } from "../../server/shared/checkers-schemas";

/** Also "Know your tax station": the answer names the station. */
export default function PinChecker() {
  return (
    <CheckerPage title="pinCheck.title" verdicts="pinCheck" path="/taxpayer/pin-checker" schema={pinCheckerQuerySchema}
      fields={[{ name: "pin_number", label: "pinCheck.label", hint: "pinCheck.labelHint" }]} read={readPinCheck} />
  );
}
