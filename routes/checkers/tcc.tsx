import { CheckerPage } from "../../components/CheckerPage";
import { readTccCheck } from "../../server/shared/checkers";
import { tccCheckerQuerySchema } from "../../server/shared/checkers-schemas";

export default function TccChecker() {
  return (
    <CheckerPage title="tccCheck.title" verdicts="tccCheck" path="/itax/validate-tcc" schema={tccCheckerQuerySchema}
      fields={[{ name: "kra_pin", label: "tccCheck.pin", hint: "pinCheck.labelHint" }, { name: "tcc_number", label: "tccCheck.number", hint: "tccCheck.numberHint" }]}
      read={readTccCheck} />
  );
}
