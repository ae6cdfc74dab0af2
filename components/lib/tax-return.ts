import { createSignal } from "solid-js";
import type { Filing } from "../../server/shared/returns-read";
import { loadReader } from "./returns-readers";
import { createSubmission } from "./submission";

/** A return filed on an amount: /file-return once to calculate the tax due, then again to file; each says whether it succeeded. */
export function createTaxReturn(body: () => Record<string, string>) {
  const call = createSubmission();
  const [tax, setTax] = createSignal(0);
  const [filed, setFiled] = createSignal<Filing>();
  const calculate = async () => {
    const calculated = await call.run("POST", "/file-return", { ...body(), calc_only: "true" }, loadReader("readCalculation"));
    if (calculated) setTax(calculated.value);
    return calculated !== undefined;
  };
  const file = async () => {
    const answer = await call.run("POST", "/file-return", body(), loadReader("readFiling"));
    if (answer) setFiled(answer.value);
    return answer !== undefined;
  };
  return { ...call, tax, filed, calculate, file };
}
