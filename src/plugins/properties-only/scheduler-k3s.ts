import type { OnlyProperty, PropertiesOnlyNamespace } from "./spec";
import { masked } from "./spec";

/** RFC 1123 subdomain, as Kubernetes names objects (cert-manager issuers). */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const perApp = (name: string, fallback = "", validate?: OnlyProperty["validate"]): OnlyProperty => ({
  name,
  app: true,
  fallback,
  ...(validate ? { validate } : {}),
});
const global = (name: string, fallback = "", extra: Partial<OnlyProperty> = {}): OnlyProperty => ({
  name,
  app: false,
  fallback,
  ...extra,
});

/**
 * Dokku's k3s scheduler: this host schedules with docker-local (and swarm), never k3s, so
 * `scheduler-k3s:set`/`:report` keep and show Dokku's properties (defaults from its
 * scheduler_k3s.go) and setting one warns that it has no effect here.
 */
export const schedulerK3sNamespace: PropertiesOnlyNamespace = {
  name: "scheduler-k3s",
  description: "Manage scheduler-k3s settings for an app (properties only: this host runs no k3s)",
  setDescription: "Set or clear a scheduler-k3s property for an app or globally",
  reportDescription: "Displays a scheduler-k3s report for one or more apps",
  wording: "property",
  legacyKeys: true,
  noEffect: "this host runs no k3s scheduler (apps run with scheduler-docker-local or scheduler-swarm)",
  properties: [
    {
      ...perApp("cert-issuer-kind", "ClusterIssuer", (value) =>
        value === "Issuer" || value === "ClusterIssuer"
          ? undefined
          : `Invalid cert-issuer-kind: ${value}, valid values are Issuer and ClusterIssuer`,
      ),
      normalize: (value) => ({ issuer: "Issuer", clusterissuer: "ClusterIssuer" })[value.toLowerCase()] ?? value,
    },
    perApp("cert-issuer-name", "", (value) =>
      value === "false" || DNS_SUBDOMAIN.test(value)
        ? undefined
        : `Invalid cert-issuer-name: ${value}, a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    ),
    perApp("deploy-timeout", "300s"),
    perApp("image-pull-secrets"),
    global("ingress-class", "nginx"),
    global("kube-context"),
    global("kubeconfig-path", "/etc/rancher/k3s/k3s.yaml"),
    perApp("kustomize-root-path", "config/kustomize"),
    perApp("letsencrypt-server", "prod", (value) =>
      ["prod", "production", "stag", "staging", "false"].includes(value)
        ? undefined
        : `Invalid letsencrypt-server: ${value}, valid values are prod, production, stag, staging, and false`,
    ),
    perApp("letsencrypt-email-prod"),
    perApp("letsencrypt-email-stag"),
    perApp("namespace", "default"),
    global("network-interface", "eth0"),
    global("node-sysctls-image", "busybox:1.36", { entries: "global-computed" }),
    global("node-sysctls-pause-image", "registry.k8s.io/pause:3.9", { entries: "global-computed" }),
    perApp("rollback-on-failure", "false"),
    perApp("shm-size"),
    global("token", "", { entries: "global-scope", hide: masked }),
  ],
};
