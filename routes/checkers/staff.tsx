import { CheckerPage } from "../../components/CheckerPage";
import { readStaffCheck } from "../../server/shared/checkers";
import { staffCheckerQuerySchema } from "../../server/shared/checkers-schemas";

export default function StaffChecker() {
  return (
    <CheckerPage title="staffCheck.title" verdicts="staffCheck" path="/taxpayer/staff-checker" schema={staffCheckerQuerySchema}
      fields={[{ name: "national_id", label: "staffCheck.label", hint: "staffCheck.labelHint" }]} read={readStaffCheck} />
  );
}
