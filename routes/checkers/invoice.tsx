import { CheckerPage } from "../../components/CheckerPage";
import { readInvoiceCheck } from "../../server/shared/checkers";
import { invoiceCheckerQuerySchema } from "../../server/shared/checkers-schemas";

export default function InvoiceNumberChecker() {
  return (
    <CheckerPage title="invoiceCheck.title" verdicts="invoiceCheck" path="/invoice-number-checker" schema={invoiceCheckerQuerySchema}
      fields={[{ name: "invoice_number", label: "invoiceCheck.label", hint: "invoiceCheck.labelHint" }]} read={readInvoiceCheck} />
  );
}
