import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const MANIFEST_DIR = `${ROOT}deploy/kubernetes/`;

export interface Manifest { file: string; doc: any }

interface KindInfo {
  /** kubernetes-models' class: its validate() runs the Kubernetes OpenAPI schema (offline, compiled ajv). */
  model: { new (data: any): { validate(): void } };
  /** The module and interface that type the same object, for the unknown-field check. */
  types: [module: string, name: string];
}

const KINDS: Record<string, KindInfo> = {
  "v1/Namespace": { model: Namespace, types: ["kubernetes-models/v1/Namespace", "INamespace"] },
  "v1/ServiceAccount": { model: ServiceAccount, types: ["kubernetes-models/v1/ServiceAccount", "IServiceAccount"] },
  "v1/Secret": { model: Secret, types: ["kubernetes-models/v1/Secret", "ISecret"] },
  "v1/Service": { model: Service, types: ["kubernetes-models/v1/Service", "IService"] },
  "apps/v1/Deployment": { model: Deployment, types: ["kubernetes-models/apps/v1/Deployment", "IDeployment"] },
  "policy/v1/PodDisruptionBudget": {
    model: PodDisruptionBudget, types: ["kubernetes-models/policy/v1/PodDisruptionBudget", "IPodDisruptionBudget"],
  },
  "autoscaling/v2/HorizontalPodAutoscaler": {
    model: HorizontalPodAutoscaler, types: ["kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler", "IHorizontalPodAutoscaler"],
  },
  "networking.k8s.io/v1/NetworkPolicy": {
    model: NetworkPolicy, types: ["kubernetes-models/networking.k8s.io/v1/NetworkPolicy", "INetworkPolicy"],
  },
};

export const kindOf = (doc: any) => `${doc?.apiVersion}/${doc?.kind}`;
export const isKnownKind = (doc: any) => kindOf(doc) in KINDS;

/** Every YAML document in deploy/kubernetes/, with its file name; YAML errors and warnings throw. */
export function loadManifests(): Manifest[] {
  const files = readdirSync(MANIFEST_DIR).filter((file) => /\.ya?ml$/.test(file)).sort();
  return files.flatMap((file) => parseYaml(file, readFileSync(MANIFEST_DIR + file, "utf8")));
}

export function parseYaml(file: string, text: string): Manifest[] {
  return parseAllDocuments(text).map((document) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length) throw new Error(`${file}: ${problems.map((p) => p.message).join("; ")}`);
    return { file, doc: document.toJS() };
  });
}

/** Runs the Kubernetes schema of the object's kind; throws with the failing paths. */
export function validateAgainstSchema({ file, doc }: Manifest): void {
  const info = KINDS[kindOf(doc)];
  if (!info) throw new Error(`${file}: unknown kind ${kindOf(doc)}`);
  try {
    new info.model(doc).validate();
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Fields the Kubernetes API does not know (a typo such as `readinesProbe`), which the JSON schema
 * lets through (no additionalProperties: false) and an API server with strict field validation
 * refuses. Each manifest becomes an object literal typed with kubernetes-models' interface:
 * TypeScript's excess-property check then names every unknown field, at any depth.
 */
export function unknownFields(manifests: Manifest[]): string[] {
  const sources = new Map(manifests.map(({ file, doc }, i) => [`${ROOT}tests/deploy/__manifest-${i}-${file}.ts`, typedLiteral(doc)]));
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) =>
    sources.has(name) ? ts.createSourceFile(name, sources.get(name)!, language) : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  const program = ts.createProgram([...sources.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) =>
    `${d.file?.fileName.replace(/^.*__manifest-\d+-/, "").replace(/\.ts$/, "")}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

function typedLiteral(doc: any): string {
  const [module, name] = KINDS[kindOf(doc)].types;
  return `import type { ${name} } from "${module}";\nexport const manifest: ${name} = ${JSON.stringify(doc, null, 1)};\n`;
}

export function only(manifests: Manifest[], kind: string): any {
  const found = manifests.filter(({ doc }) => kindOf(doc) === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0].doc;
}

/** A kustomization's configMapGenerator literals, by generator name. */
function generatedData(kustomization: any): Map<string, Record<string, string>> {
  return new Map((kustomization.configMapGenerator ?? []).map((generator: any) => [generator.name,
    Object.fromEntries((generator.literals ?? []).map((literal: string) => literal.split(/=(.*)/s).slice(0, 2)))]));
}

/** The object at a kustomize fieldPath (`spec.egress.2.to.0.ipBlock.cidr`); throws when a step is missing. */
function fieldParent(doc: any, fieldPath: string): { parent: any; key: string } {
  const steps = fieldPath.split(".");
  const key = steps.pop()!;
  const parent = steps.reduce((node, step) => {
    if (node?.[step] === undefined) throw new Error(`${fieldPath}: no ${step}`);
    return node[step];
  }, doc);
  if (!(key in parent)) throw new Error(`${fieldPath}: no ${key}`);
  return { parent, key };
}

/**
 * The manifests after the kustomization's `replacements` whose source is one of its generated ConfigMaps
 * (the only kind it uses): what `kubectl apply -k` sends. A target path that does not exist throws, as kustomize does.
 */
export function applyReplacements(kustomization: any, manifests: Manifest[]): Manifest[] {
  const rendered = structuredClone(manifests);
  const data = generatedData(kustomization);
  for (const { source, targets } of kustomization.replacements ?? []) {
    const value = data.get(source.name)?.[source.fieldPath.replace(/^data\./, "")];
    if (source.kind !== "ConfigMap" || value === undefined) throw new Error(`replacement source ${source.name} ${source.fieldPath} not generated`);
    for (const { select, fieldPaths } of targets) {
      const chosen = rendered.filter(({ doc }) => doc.kind === select.kind && doc.metadata?.name === select.name);
      if (chosen.length !== 1) throw new Error(`replacement target ${select.kind}/${select.name}: ${chosen.length} found`);
      for (const fieldPath of fieldPaths) {
        const { parent, key } = fieldParent(chosen[0].doc, fieldPath);
        parent[key] = value;
      }
    }
  }
  return rendered;
}
