// English for the returns and payments forms' later steps (filing, paying): loaded with those steps, not with a
// form's first scripts, whose texts are in form-*.ts (issue 22's budgets), nor by the returns page (returns-en.ts).
export const returnsFormsEn = {
  "returns.noAck": "KRA accepted the return but sent no acknowledgement number.",
  "returns.ack": "Acknowledgement number: {ack}",
  "returns.keep": "Keep this number: you may need it later.",
  "returns.back": "Back to returns and payments",
  "returns.period": "Period: {period}",
  "returns.taxDue": "Tax due: {amount}",
  "returns.fileAndPay": "File and pay",
  "returns.fileOnly": "File only",
  "returns.payOnly": "Pay only",
  "returns.filed": "Return filed",
  "nil.confirm": "NIL return for {obligation}, period {period}.",
  "nil.file": "File NIL return",
  "nil.done": "NIL return filed",
  "tot.salesIs": "Gross sales: {amount}",
  "mri.incomeIs": "Rental income: {amount}",
  "eslip.another": "Pay another PRN",
  "pay.prn": "PRN: {prn}",
  "pay.amount": "Amount: {amount}",
  "pay.keep": "Keep this PRN: it is your payment reference.",
  "pay.send": "Send M-Pesa prompt to {msisdn}",
  "pay.sent": "We sent an M-Pesa prompt to {msisdn}. Enter your M-Pesa PIN on your phone to pay.",
  "pay.noPrompt": "No prompt after a minute? Check the phone is on and unlocked, then try again. Or pay on M-Pesa: Lipa na M-Pesa, Paybill 572572, account number {prn}.",
  "pay.again": "Send the prompt again",
  "pay.forAmount": "To pay {amount}, we first get a payment registration number (PRN) from KRA.",
  "pay.getPrn": "Get PRN",
} as const;

export type ReturnsFormKey = keyof typeof returnsFormsEn;
