import { CheckerPage } from "../../components/CheckerPage";
import { readImportCertificate } from "../../server/shared/checkers";
import { importCertificateQuerySchema } from "../../server/shared/checkers-schemas";

export default function ImportCertificateChecker() {
  return (
    <CheckerPage title="importCheck.title" verdicts="importCheck" path="/taxpayer/import-certificate" schema={importCertificateQuerySchema}
      fields={[{ name: "certificate_no", label: "importCheck.label" }]} read={readImportCertificate} />
  );
}
