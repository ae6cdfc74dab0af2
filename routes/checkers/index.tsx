import { For } from "solid-js";
import { CheckersLayout } from "../../components/CheckersLayout";
import { useCheckersText, type CheckersKey } from "../../components/i18n/checkers";
import { SignedIn } from "../../components/SignedIn";

const CHECKERS: { href: string; title: CheckersKey; hint: CheckersKey }[] = [
  { href: "/checkers/pin", title: "pinCheck.title", hint: "pinCheck.hint" },
  { href: "/checkers/staff", title: "staffCheck.title", hint: "staffCheck.hint" },
  { href: "/checkers/tcc", title: "tccCheck.title", hint: "tccCheck.hint" },
  { href: "/checkers/import-certificate", title: "importCheck.title", hint: "importCheck.hint" },
  { href: "/checkers/invoice", title: "invoiceCheck.title", hint: "invoiceCheck.hint" },
];

export default function Checkers() {
  const t = useCheckersText();
  return (
    <CheckersLayout title="checkers.title">
      <SignedIn service="checkers">
        {() => (
          <>
            <p class="muted">{t("checkers.intro")}</p>
            <ul class="services">
              <For each={CHECKERS}>{(checker) => <li><a href={checker.href}><strong>{t(checker.title)}</strong><span class="muted">{t(checker.hint)}</span></a></li>}</For>
            </ul>
            <a class="btn secondary" href="/">{t("common.home")}</a>
          </>
        )}
      </SignedIn>
    </CheckersLayout>
  );
}
