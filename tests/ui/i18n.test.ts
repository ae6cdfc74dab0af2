import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { sw } from "../../components/i18n/sw";
import { ERROR_CATALOG } from "../../server/shared/error-codes";
import { ROOT } from "../support/gateway";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function tsxFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return path.endsWith(".tsx") ? [path] : [];
  return readdirSync(path).flatMap((entry) => tsxFiles(join(path, entry)));
}

type Catalog = Record<string, string>;

/** The app's catalogue and every page group's (components/i18n/<group>-en.ts with its -sw.ts). */
async function catalogPairs(): Promise<[string, Catalog, Catalog][]> {
  const dir = join(ROOT, "components/i18n");
  const groups = readdirSync(dir).filter((file) => file.endsWith("-en.ts")).map((file) => file.slice(0, -"-en.ts".length));
  const only = (module: Record<string, unknown>) => Object.values(module).find((value) => typeof value === "object") as Catalog;
  const pairs = await Promise.all(groups.map(async (group): Promise<[string, Catalog, Catalog]> => [
    group, only(await import(join(dir, `${group}-en.ts`))), only(await import(join(dir, `${group}-sw.ts`))),
  ]));
  return [["app", en, sw], ...pairs];
}

describe("English and Kiswahili", () => {
  it("have the same keys, no empty text and the same placeholders, in every catalogue", async () => {
    const pairs = await catalogPairs();
    expect(pairs.map(([group]) => group)).toEqual(expect.arrayContaining(["app", "etims", "home", "checkers", "returns", "signup"]));
    for (const [group, english, swahiliCatalog] of pairs) {
      expect(Object.keys(swahiliCatalog).sort(), group).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english)) {
        const swahili = swahiliCatalog[key];
        expect(text.trim(), key).not.toBe("");
        expect(swahili.trim(), key).not.toBe("");
        expect(placeholders(swahili), key).toEqual(placeholders(text));
      }
    }
  });

  it("are different languages (a key left untranslated is caught)", () => {
    const same = Object.keys(en).filter((key) => en[key as keyof typeof en] === sw[key as keyof typeof en] && !key.startsWith("lang."));
    expect(same).toEqual([]);
    for (const entry of Object.values(ERROR_CATALOG)) expect(entry.sw).not.toBe(entry.en);
  });

  it("hold every user-facing string: no text written inline in pages or components", () => {
    const files = [...tsxFiles(join(ROOT, "routes")), ...tsxFiles(join(ROOT, "components")), join(ROOT, "app.tsx")];
    const inline = files.flatMap((file) => inlineTexts(file).map((text) => `${relative(ROOT, file)}: ${text}`));
    expect(inline).toEqual([]);
  });
});

const TEXT_ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "alt", "value"]);

/** JSX text with letters, and literal text attributes on HTML elements, found with the TypeScript parser. */
function inlineTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) && TEXT_ATTRIBUTES.has(node.name.getText())) {
      const element = node.parent.parent as ts.JsxOpeningLikeElement;
      if (/^[a-z]/.test(element.tagName.getText()) && /[A-Za-z]{2,}/.test(node.initializer.text)) found.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
