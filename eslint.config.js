// Lint: ESLint's and typescript-eslint's recommended rules, plus the house rules
// (explicit imports, no unused code, no console in the gateway's request path).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/", "**/.output/", "**/.output-worker/", "**/.vinxi/", "**/.nitro/", "**/.nitro-worker/", "tests/artifacts/", "tests/bench/.out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      eqeqeq: ["error", "always"],
      "no-empty": ["error", { allowEmptyCatch: true }],
      // Path and header hygiene match control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["server/**/*.ts"],
    // The CLI tools print to the terminal; the runtime modules own the log sink.
    ignores: ["server/cli/**", "server/runtime/**"],
    rules: { "no-console": ["error", { allow: ["warn", "error"] }] },
  },
  {
    // Tests read untyped JSON answers.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
