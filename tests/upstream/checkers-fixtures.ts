import { INTERNAL_NOTE, THIRD_PARTY_MSISDN } from "./internals";

// What the simulated checkers know (UPSTREAM.md §7.1). No real answers were recorded, so
// the shapes are the apps' ([APP]); each record also carries fields the real iTax record
// would (contacts, IDs, officers' notes) that the gateway's policies must drop.

/** Tax stations by PIN ("Know your tax station"); any other known PIN is at Nairobi Central. */
export const TAX_STATIONS: Record<string, string> = {
  A000000001A: "Nairobi West",
  A000000002B: "Nairobi East",
  A000000003C: "Mombasa",
  A000000004D: "Kisumu",
  A000000005E: "Large Taxpayers Office",
  A000000006F: "Nakuru",
  A000000007G: "Thika",
  A000000008H: "Eldoret",
};
export const DEFAULT_STATION = "Nairobi Central";

export interface StaffRecord {
  IDNUMBER: string;
  OTHERNAMES: string;
  SURNAME: string;
  REGIONNAME: string;
  DEPTNAME: string;
  STATUS: string;
}

/**
 * Placeholder staff (REDACTIONS.md style): one serving, one who has left, one suspended, one
 * whose status no page knows (the UI must never call that one genuine).
 */
export const KRA_STAFF: StaffRecord[] = [
  { IDNUMBER: "20000001", OTHERNAMES: "TEST STAFF", SURNAME: "ONE", REGIONNAME: "NAIROBI REGION", DEPTNAME: "DOMESTIC TAXES", STATUS: "ACTIVE" },
  { IDNUMBER: "20000002", OTHERNAMES: "TEST STAFF", SURNAME: "TWO", REGIONNAME: "SOUTHERN REGION", DEPTNAME: "CUSTOMS AND BORDER CONTROL", STATUS: "EXITED" },
  { IDNUMBER: "20000003", OTHERNAMES: "TEST STAFF", SURNAME: "THREE", REGIONNAME: "WESTERN REGION", DEPTNAME: "DOMESTIC TAXES", STATUS: "Suspended" },
  { IDNUMBER: "20000004", OTHERNAMES: "TEST STAFF", SURNAME: "FOUR", REGIONNAME: "NAIROBI REGION", DEPTNAME: "INVESTIGATIONS", STATUS: "ON SECONDMENT" },
];

/** What the record holds besides: personal number, contacts. */
export const staffExtras = (record: StaffRecord) =>
  ({ PERSONALNO: `K${record.IDNUMBER.slice(-6)}`, EMAIL: "staff@example.com", MOBILE: THIRD_PARTY_MSISDN });

export interface TccRecord {
  kraPin: string;
  tccNo: string;
  tccStatus: string;
  tccIssueDate: string;
  tccExpiryDate: string;
}

export const SEEDED_TCCS: TccRecord[] = [
  { kraPin: "A000000001A", tccNo: "KRATCC0000000001", tccStatus: "Active", tccIssueDate: "2026-01-15", tccExpiryDate: "2026-12-31" },
  { kraPin: "A000000002B", tccNo: "KRATCC0000000002", tccStatus: "Expired", tccIssueDate: "2024-01-10", tccExpiryDate: "2024-12-31" },
  { kraPin: "A000000003C", tccNo: "KRATCC0000000003", tccStatus: "CANCELED", tccIssueDate: "2026-02-01", tccExpiryDate: "2026-12-31" },
  { kraPin: "A000000004D", tccNo: "KRATCC0000000004", tccStatus: "SUSPENDED", tccIssueDate: "2026-03-01", tccExpiryDate: "2026-12-31" },
  // "Active" but past its expiry date: expired all the same.
  { kraPin: "A000000005E", tccNo: "KRATCC0000000005", tccStatus: "Active", tccIssueDate: "2025-01-10", tccExpiryDate: "2025-12-31" },
];

export const tccExtras = () => ({ officerRemarks: INTERNAL_NOTE, applicantMobile: THIRD_PARTY_MSISDN });

export interface ImportCertificate {
  certiNo: string;
  issueDt: string;
  statusFlag: string;
}

export const IMPORT_CERTIFICATES: ImportCertificate[] = [
  { certiNo: "IC2026000001", issueDt: "2026-03-02", statusFlag: "Valid" },
  { certiNo: "IC2024000009", issueDt: "2024-05-20", statusFlag: "Cancelled" },
  { certiNo: "IC2023000004", issueDt: "2023-02-14", statusFlag: "EXPIRED" },
  { certiNo: "IC2026000005", issueDt: "2026-06-01", statusFlag: "suspended" },
  { certiNo: "IC2026000006", issueDt: "2026-09-09", statusFlag: "PENDING VERIFICATION" },
];

export const certificateExtras = () => ({ importerPin: "A000000008H", importerMobile: THIRD_PARTY_MSISDN, remarks: INTERNAL_NOTE });

/** An eTIMS invoice from another seller, for the invoice-number checker (those issued through post-sale are found too). */
export const SEEDED_INVOICE = {
  number: "KRACU0100000001/77", salesDate: "2026-11-30", supplierName: "KRA TEST USER ITAX", totalInvoiceAmount: 11600,
};
