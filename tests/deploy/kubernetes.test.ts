import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadGatewayConfig, settingEnvNames } from "../../server/utils/config";
import {
  applyReplacements, isKnownKind, kindOf, loadManifests, MANIFEST_DIR, only, parseYaml, unknownFields, validateAgainstSchema,
} from "./manifests";

// deploy/kubernetes/ is what an operator applies: each manifest must be valid for the API server,
// and the Deployment must start a gateway that is configured, probed and confined as the README says.

/** The gateway's settings table as environment names. */
function gatewayEnvNames(): Set<string> {
  return new Set(Object.values(settingEnvNames));
}
/** Throws, naming each bad variable, when the gateway would refuse this environment at start. */
function checkGatewayEnv(env: Record<string, string>): void {
  loadGatewayConfig(env);
}

/** Read by Nitro's node-server itself (README: Configuration), not by the gateway's table. */
const NITRO_OWN = new Set(["HOST", "PORT", "NITRO_SHUTDOWN_TIMEOUT"]);
const NITRO_SHUTDOWN_DEFAULT_MS = 30_000;
const REQUIRED = [
  "NITRO_IDENTITY_BASE_URL", "NITRO_UPSTREAM_BASE_URL", "NITRO_UPSTREAM_API_KEY",
  "NITRO_ENTRY_LINK_SECRET", "NITRO_PUBLIC_ORIGIN", "NITRO_SESSION_ENCRYPTION_KEY",
];
/** Never a plain value in a manifest: only from the Secret (a Redis URL may hold a password). */
const SECRET_VARS = [
  "NITRO_UPSTREAM_API_KEY", "NITRO_ENTRY_LINK_SECRET", "NITRO_ENTRY_LINK_SECRET_PREVIOUS",
  "NITRO_SESSION_ENCRYPTION_KEY", "NITRO_SESSION_ENCRYPTION_KEY_PREVIOUS", "NITRO_SESSION_STORAGE", "NITRO_ADMIN_TOKEN",
  "NITRO_METRICS_TOKEN", "NITRO_WHATSAPP_ACCESS_TOKEN",
];
const SECRET_TEMPLATE = "secret.template.yaml";
const KUSTOMIZATION = "kustomization.yaml";

const all = loadManifests();
const manifests = all.filter(({ file }) => file !== KUSTOMIZATION);
const kustomization = all.find(({ file }) => file === KUSTOMIZATION)!.doc;
const deployment = only(manifests, "apps/v1/Deployment");
const podSpec = deployment.spec.template.spec;
const podLabels: Record<string, string> = deployment.spec.template.metadata.labels;
const [gateway] = podSpec.containers;
const envList: any[] = gateway.env ?? [];
const envVar = (name: string) => envList.find((e) => e.name === name);
const plainEnv = () => Object.fromEntries(envList.filter((e) => "value" in e).map((e) => [e.name, String(e.value)]));
const secretTemplate = only(manifests, "v1/Secret");
const appPort = Number(plainEnv().PORT ?? 3000);

/** A pod's container port, by number or by name. */
function resolvePort(port: number | string): number | undefined {
  if (typeof port === "number") return port;
  return podSpec.containers.flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}
const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);

describe("deploy/kubernetes: every manifest is valid for the Kubernetes API", () => {
  it("holds the Deployment, Service, PodDisruptionBudget, HPA, NetworkPolicy and Secret template, all known kinds", () => {
    const kinds = manifests.map(({ doc }) => kindOf(doc));
    for (const kind of ["apps/v1/Deployment", "v1/Service", "policy/v1/PodDisruptionBudget", "autoscaling/v2/HorizontalPodAutoscaler",
      "networking.k8s.io/v1/NetworkPolicy", "v1/Secret"]) expect(kinds).toContain(kind);
    expect(manifests.filter(({ doc }) => !isKnownKind(doc)).map(({ file }) => file)).toEqual([]);
    expect(only(manifests, "v1/Secret")).toBe(manifests.find(({ file }) => file === SECRET_TEMPLATE)?.doc);
  });

  it("validates each manifest against its Kubernetes schema", () => {
    for (const manifest of manifests) expect(() => validateAgainstSchema(manifest), manifest.file).not.toThrow();
  });

  it("uses no field the Kubernetes API does not know, at any depth", () => {
    expect(unknownFields(manifests)).toEqual([]);
  }, 120_000);

  it("the checks above catch a wrong type, a bad quantity and an unknown field", () => {
    const broken = structuredClone(deployment);
    broken.spec.replicas = "two";
    expect(() => validateAgainstSchema({ file: "broken", doc: broken })).toThrow(/replicas/);
    const badQuantity = structuredClone(deployment);
    badQuantity.spec.template.spec.containers[0].resources.limits.memory = "lots";
    expect(() => validateAgainstSchema({ file: "broken", doc: badQuantity })).toThrow(/memory/);
    const typo = structuredClone(deployment);
    typo.spec.template.spec.containers[0].readinesProbe = typo.spec.template.spec.containers[0].readinessProbe;
    expect(unknownFields([{ file: "typo", doc: typo }]).join("\n")).toMatch(/readinesProbe/);
  }, 120_000);

  it("refuses YAML that would not parse cleanly (duplicate keys)", () => {
    expect(() => parseYaml("dup.yaml", "kind: Service\nkind: Secret\n")).toThrow(/dup\.yaml/);
  });

  it("kustomization.yaml applies every manifest but the Secret template (which must never overwrite the real Secret)", () => {
    expect(kustomization.kind).toBe("Kustomization");
    const files = readdirSync(MANIFEST_DIR).filter((f) => /\.ya?ml$/.test(f) && f !== KUSTOMIZATION && f !== SECRET_TEMPLATE);
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    expect(kustomization.namespace).toBe(only(manifests, "v1/Namespace").metadata.name);
  });
});

describe("deploy/kubernetes: the Deployment", () => {
  it("runs 2 replicas, readiness on /readyz and liveness on /healthz, on the gateway's port", () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(gateway.readinessProbe.httpGet.path).toBe("/readyz");
    expect(gateway.livenessProbe.httpGet.path).toBe("/healthz");
    for (const probe of [gateway.readinessProbe, gateway.livenessProbe, gateway.startupProbe].filter(Boolean)) {
      expect(resolvePort(probe.httpGet.port)).toBe(appPort);
    }
    expect(matches(deployment.spec.selector.matchLabels)).toBe(true);
  });

  it("is non-root, with a read-only root filesystem, no capabilities, no privilege escalation, seccomp RuntimeDefault", () => {
    const pod = podSpec.securityContext ?? {};
    for (const container of [...podSpec.containers, ...(podSpec.initContainers ?? [])]) {
      const effective = { ...pod, ...container.securityContext };
      expect(effective.runAsNonRoot, container.name).toBe(true);
      expect(effective.runAsUser, container.name).toBeGreaterThan(0);
      expect(container.securityContext?.readOnlyRootFilesystem, container.name).toBe(true);
      expect(container.securityContext?.allowPrivilegeEscalation, container.name).toBe(false);
      expect(container.securityContext?.privileged ?? false, container.name).toBe(false);
      expect(container.securityContext?.capabilities?.drop, container.name).toContain("ALL");
      expect(container.securityContext?.capabilities?.add ?? [], container.name).toEqual([]);
      expect(effective.seccompProfile?.type, container.name).toBe("RuntimeDefault");
    }
    for (const hostAccess of ["hostNetwork", "hostPID", "hostIPC"]) expect(podSpec[hostAccess] ?? false).toBe(false);
    expect(podSpec.automountServiceAccountToken).toBe(false);
  });

  it("writes only to emptyDir volumes (e.g. /tmp), never to the host", () => {
    const volumes = new Map((podSpec.volumes ?? []).map((v: any) => [v.name, v]));
    for (const volume of volumes.values()) expect(Object.keys(volume as object).sort()).toEqual(["emptyDir", "name"]);
    for (const mount of gateway.volumeMounts ?? []) expect(volumes.has(mount.name)).toBe(true);
  });

  it("sets resource requests and limits (cpu and memory) on every container", () => {
    for (const container of podSpec.containers) {
      for (const bound of ["requests", "limits"]) {
        expect(Object.keys(container.resources?.[bound] ?? {}).sort(), `${container.name} ${bound}`).toEqual(["cpu", "memory"]);
      }
    }
  });

  it("gives more time to stop than the preStop pause plus NITRO_SHUTDOWN_TIMEOUT", () => {
    const shutdownSeconds = Number(plainEnv().NITRO_SHUTDOWN_TIMEOUT ?? NITRO_SHUTDOWN_DEFAULT_MS) / 1000;
    const preStopSeconds = gateway.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThan(shutdownSeconds + preStopSeconds);
    expect(gateway.lifecycle?.preStop?.exec).toBeUndefined(); // the image has no shell
  });
});

describe("deploy/kubernetes: the gateway's environment", () => {
  it("sets only variables of the gateway's config table (or Nitro's own), each once, no envFrom", () => {
    const known = gatewayEnvNames();
    const names = envList.map((e) => e.name);
    expect(names.filter((name) => !known.has(name) && !NITRO_OWN.has(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(gateway.envFrom).toBeUndefined(); // names hidden in envFrom could not be checked
  });

  it("sets every required variable: plain ones non-empty, secret ones from the Secret", () => {
    for (const name of REQUIRED) {
      const variable = envVar(name);
      expect(variable, name).toBeDefined();
      expect(variable.value ?? variable.valueFrom?.secretKeyRef?.key, name).toBeTruthy();
      expect(variable.valueFrom?.secretKeyRef?.optional ?? false, name).toBe(false);
    }
  });

  it("takes every secret from the Secret template's keys, never as a plain value", () => {
    const keys = Object.keys({ ...secretTemplate.stringData, ...secretTemplate.data });
    for (const name of SECRET_VARS) {
      const ref = envVar(name)?.valueFrom?.secretKeyRef;
      expect(envVar(name) && !("value" in envVar(name)), name).toBe(true);
      expect(ref?.name, name).toBe(secretTemplate.metadata.name);
      expect(keys, name).toContain(ref?.key);
    }
    const refs = envList.map((e) => e.valueFrom?.secretKeyRef).filter(Boolean);
    for (const ref of refs) expect(keys).toContain(ref.key);
  });

  it("gives Prometheus only the scrape token: the pods get NITRO_METRICS_TOKEN, and no scrape config names the admin token", () => {
    expect(envVar("NITRO_METRICS_TOKEN")?.valueFrom?.secretKeyRef?.key).toBe("NITRO_METRICS_TOKEN");
    for (const { doc } of manifests.filter(({ doc }) => /Monitor$|Probe$|ScrapeConfig$/.test(doc.kind))) {
      expect(JSON.stringify(doc)).not.toContain("NITRO_ADMIN_TOKEN");
    }
    const comment = readFileSync(join(MANIFEST_DIR, SECRET_TEMPLATE), "utf8");
    expect(comment).toMatch(/Operators only: never Prometheus\.\n\s*NITRO_ADMIN_TOKEN:/);
  });

  it("has a Secret template without values", () => {
    const values = Object.values({ ...secretTemplate.stringData, ...secretTemplate.data });
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => value !== "")).toEqual([]);
  });

  it("the plain values and Redis pass the gateway's own start-up validation", () => {
    const secrets = {
      NITRO_SESSION_STORAGE: "redis://redis.kra-gateway.svc:6379/0",
      NITRO_UPSTREAM_API_KEY: randomBytes(24).toString("hex"),
      NITRO_ENTRY_LINK_SECRET: randomBytes(32).toString("base64url"),
      NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      NITRO_ADMIN_TOKEN: randomBytes(32).toString("base64url"),
    };
    expect(() => checkGatewayEnv({ ...plainEnv(), ...secrets })).not.toThrow();
    expect(plainEnv().NITRO_SESSION_STORAGE).toBeUndefined(); // two replicas: Redis from the Secret, never memory
  });
});

describe("deploy/kubernetes: Service, PodDisruptionBudget, HPA", () => {
  it("the Service selects the pods and reaches the gateway's port, never the admin listener's", () => {
    const service = only(manifests, "v1/Service");
    expect(matches(service.spec.selector)).toBe(true);
    for (const port of service.spec.ports) expect(resolvePort(port.targetPort)).toBe(appPort);
    expect(resolvePort("admin")).toBe(Number(plainEnv().NITRO_ADMIN_PORT));
    expect(plainEnv().NITRO_ADMIN_HOST).toBe("0.0.0.0"); // the pod network, for Prometheus; the NetworkPolicy narrows it
  });

  it("the PodDisruptionBudget keeps a pod serving during drains", () => {
    const pdb = only(manifests, "policy/v1/PodDisruptionBudget");
    expect(matches(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.maxUnavailable ?? deployment.spec.replicas - pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it("the HPA (autoscaling/v2) scales the Deployment, never below 2", () => {
    const hpa = only(manifests, "autoscaling/v2/HorizontalPodAutoscaler");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });
});

describe("deploy/kubernetes: the NetworkPolicy", () => {
  const policy = only(manifests, "networking.k8s.io/v1/NetworkPolicy");
  const portsOf = (rule: any) => (rule.ports ?? []).map((p: any) => `${resolvePort(p.port) ?? p.port}/${p.protocol ?? "TCP"}`);

  it("applies to the gateway's pods, both directions", () => {
    expect(matches(policy.spec.podSelector.matchLabels)).toBe(true);
    expect([...policy.spec.policyTypes].sort()).toEqual(["Egress", "Ingress"]);
  });

  it("lets in only the load balancer's pods on the app port, and only Prometheus on the admin port", () => {
    const adminPort = Number(plainEnv().NITRO_ADMIN_PORT);
    expect(policy.spec.ingress.map(portsOf).sort()).toEqual([[`${appPort}/TCP`], [`${adminPort}/TCP`]].sort());
    for (const rule of policy.spec.ingress) {
      expect(rule.from?.length).toBeGreaterThan(0);
      for (const peer of rule.from) {
        expect(peer.ipBlock).toBeUndefined();
        expect(Object.keys(peer.namespaceSelector?.matchLabels ?? {}).length).toBeGreaterThan(0);
        expect(Object.keys(peer.podSelector?.matchLabels ?? {}).length).toBeGreaterThan(0);
      }
    }
  });

  it("lets out only DNS (53 UDP/TCP), Redis (6379, Sentinel 26379) and the upstream (443)", () => {
    const allowed = new Set(["53/UDP", "53/TCP", "6379/TCP", "26379/TCP", "443/TCP"]);
    const opened = policy.spec.egress.flatMap((rule: any) => {
      expect(rule.ports?.length, "an egress rule without ports opens every port").toBeGreaterThan(0);
      return portsOf(rule);
    });
    expect(opened.filter((port: string) => !allowed.has(port))).toEqual([]);
    expect(new Set(opened)).toEqual(allowed);
    const dns = policy.spec.egress.find((rule: any) => portsOf(rule).includes("53/UDP"));
    expect(dns.to?.length, "DNS only to the cluster's resolver").toBeGreaterThan(0);
  });
});

/**
 * Why each egress rule of a NetworkPolicy is wider than "named destinations": a rule without `to` (every
 * destination), an ipBlock of prefix length 0 (0.0.0.0/0, ::/0), or a selector peer that does not name both
 * a namespace and pods by label (an empty selector matches everything).
 */
function openEgress(policy: any): string[] {
  const named = (selector: any) => Object.keys(selector?.matchLabels ?? {}).length + (selector?.matchExpressions?.length ?? 0) > 0;
  return (policy.spec.egress ?? []).flatMap((rule: any, index: number) => {
    if (!rule.to?.length) return [`egress ${index}: no \`to\` (any destination)`];
    return rule.to.flatMap((peer: any) => {
      if (peer.ipBlock) {
        const [address, prefix] = String(peer.ipBlock.cidr).split("/");
        const valid = isIP(address) !== 0 && /^\d+$/.test(prefix ?? "") && Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
        if (!valid) return [`egress ${index}: ${peer.ipBlock.cidr} is not a CIDR`];
        return Number(prefix) === 0 ? [`egress ${index}: ${peer.ipBlock.cidr} is open to every address`] : [];
      }
      return named(peer.namespaceSelector) && named(peer.podSelector) ? [] : [`egress ${index}: a selector that does not name namespace and pods`];
    });
  });
}

describe("deploy/kubernetes: egress names its destinations", () => {
  const policy = only(manifests, "networking.k8s.io/v1/NetworkPolicy");
  const render = () => only(applyReplacements(kustomization, manifests), "networking.k8s.io/v1/NetworkPolicy");
  const https = (doc: any) => doc.spec.egress.filter((rule: any) => rule.ports.some((p: any) => p.port === 443));

  it("no egress rule lacks a `to` or is open to everything, as written and as kustomize renders it", () => {
    expect(openEgress(policy)).toEqual([]);
    expect(openEgress(render())).toEqual([]);
  });

  it("DNS goes only to kube-dns; Redis and Sentinel only to pods named by namespace and label", () => {
    const ports = (rule: any) => rule.ports.map((p: any) => p.port);
    const dns = policy.spec.egress.find((rule: any) => ports(rule).includes(53));
    expect(dns.to).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }]);
    const redis = policy.spec.egress.find((rule: any) => ports(rule).includes(6379));
    expect(ports(redis).sort()).toEqual([26379, 6379]);
    for (const peer of redis.to) expect(peer.ipBlock).toBeUndefined();
  });

  it("HTTPS goes only to the upstream's and the WhatsApp Cloud API's CIDRs, each set by a kustomize replacement", () => {
    const rendered = render();
    const [rule] = https(rendered);
    expect(https(rendered)).toHaveLength(1);
    const generator = kustomization.configMapGenerator.find((g: any) => g.name === "egress-ranges");
    expect(generator.options.annotations["config.kubernetes.io/local-config"]).toBe("true"); // feeds replacements, never applied
    const literals = Object.fromEntries(generator.literals.map((l: string) => l.split("=")));
    expect(Object.keys(literals).sort()).toEqual(["upstream", "whatsapp"]);
    expect(rule.to.map((peer: any) => peer.ipBlock.cidr).sort()).toEqual([literals.upstream, literals.whatsapp].sort());
    // An operator's value lands in the rendered policy: no peer is left with the file's own value.
    const changed = applyReplacements({ ...kustomization, configMapGenerator: [{ ...generator,
      literals: ["upstream=10.20.0.0/16", "whatsapp=157.240.0.0/16"] }] }, manifests);
    expect(https(only(changed, "networking.k8s.io/v1/NetworkPolicy"))[0].to.map((peer: any) => peer.ipBlock.cidr).sort())
      .toEqual(["10.20.0.0/16", "157.240.0.0/16"]);
  });

  it("the check catches a rule without `to`, a 0.0.0.0/0 or ::/0 range, and an empty selector", () => {
    const withoutTo = structuredClone(policy);
    delete withoutTo.spec.egress[1].to;
    expect(openEgress(withoutTo).join("\n")).toMatch(/egress 1: no `to`/);
    for (const cidr of ["0.0.0.0/0", "::/0"]) {
      const open = structuredClone(policy);
      open.spec.egress[2].to = [{ ipBlock: { cidr, except: ["169.254.0.0/16"] } }];
      expect(openEgress(open).join("\n")).toMatch(/open to every address/);
    }
    const anyNamespace = structuredClone(policy);
    anyNamespace.spec.egress[1].to = [{ namespaceSelector: {} }];
    expect(openEgress(anyNamespace).join("\n")).toMatch(/does not name/);
    expect(() => applyReplacements({ ...kustomization, replacements: [{ ...kustomization.replacements[0],
      targets: [{ ...kustomization.replacements[0].targets[0], fieldPaths: ["spec.egress.7.to.0.ipBlock.cidr"] }] }] }, manifests)).toThrow(/egress\.7/);
  });
});
