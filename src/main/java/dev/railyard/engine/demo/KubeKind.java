package dev.railyard.engine.demo;

import java.util.List;
import java.util.Optional;

/**
 * A resource kind the simulated API server serves. {@link #SERVED} is every kind Railyard's steps, health checks and
 * support bundle touch, and nothing else: a request for another kind gets the 404 a real server gives for an absent CRD.
 */
record KubeKind(String kind, String group, String version, String plural, boolean namespaced) {

    /** In the order discovery lists them, which is the order fabric8 sees on a real k3s. */
    static final List<KubeKind> SERVED = List.of(
            core("Namespace", "namespaces", false), core("Node", "nodes", false),
            core("Pod", "pods", true), core("Service", "services", true),
            core("Secret", "secrets", true), core("ConfigMap", "configmaps", true),
            core("ServiceAccount", "serviceaccounts", true), core("Event", "events", true),
            core("Endpoints", "endpoints", true), core("PersistentVolumeClaim", "persistentvolumeclaims", true),
            core("PersistentVolume", "persistentvolumes", false),
            v1("Deployment", "apps", "deployments", true), v1("DaemonSet", "apps", "daemonsets", true),
            v1("StatefulSet", "apps", "statefulsets", true), v1("ReplicaSet", "apps", "replicasets", true),
            v1("Job", "batch", "jobs", true),
            v1("ClusterRoleBinding", "rbac.authorization.k8s.io", "clusterrolebindings", false),
            v1("ClusterRole", "rbac.authorization.k8s.io", "clusterroles", false),
            v1("RoleBinding", "rbac.authorization.k8s.io", "rolebindings", true),
            v1("Role", "rbac.authorization.k8s.io", "roles", true),
            v1("NetworkPolicy", "networking.k8s.io", "networkpolicies", true),
            v1("Ingress", "networking.k8s.io", "ingresses", true),
            v1("HelmChart", "helm.cattle.io", "helmcharts", true),
            v1("HelmChartConfig", "helm.cattle.io", "helmchartconfigs", true),
            v1("Certificate", "cert-manager.io", "certificates", true),
            v1("ClusterIssuer", "cert-manager.io", "clusterissuers", false),
            v1("Issuer", "cert-manager.io", "issuers", true),
            v1("Challenge", "acme.cert-manager.io", "challenges", true),
            v1("Cluster", "postgresql.cnpg.io", "clusters", true));

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kind a request path names: API group ("" for core) and resource plural. */
    static Optional<KubeKind> byPlural(String group, String plural) {
        return SERVED.stream().filter(k -> k.group().equals(group) && k.plural().equals(plural)).findFirst();
    }

    /** The kind an object declares in its {@code apiVersion} and {@code kind}. */
    static KubeKind of(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return SERVED.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown kind " + apiVersion + " " + kind));
    }

    private static KubeKind core(String kind, String plural, boolean namespaced) {
        return new KubeKind(kind, "", "v1", plural, namespaced);
    }

    private static KubeKind v1(String kind, String group, String plural, boolean namespaced) {
        return new KubeKind(kind, group, "v1", plural, namespaced);
    }
}
