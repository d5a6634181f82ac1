package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workspace pods (Gitpod's: namespace gitpod, label component=workspace; Coder's: any pod with a
 * {@code com.coder.workspace.id} label or {@code app.kubernetes.io/name=coder-workspace}) run user
 * code: not privileged, no host namespaces, no service-account token, and (Gitpod) NetworkPolicies that
 * select them so that they cannot reach each other or the node daemons.
 *
 * <p>One exception: coder/envbox runs Docker for a Coder workspace as an inner Sysbox container, and its
 * outer container must be privileged to do so (its inner containers are not). That is reported as what
 * it is, not as a violation; any other privileged workspace container is one.
 */
public final class WorkspaceIsolationCheck implements HealthCheck {

    public static final Map<String, String> WORKSPACE_LABELS = Map.of("component", "workspace");
    public static final String CODER_WORKSPACE_ID_LABEL = "com.coder.workspace.id";
    public static final String ENVBOX_IMAGE = "ghcr.io/coder/envbox";

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<String> privileged = new ArrayList<>();
        List<String> envbox = new ArrayList<>();
        List<String> hostNamespaces = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<Pod> workspaces = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            if (!isWorkspace(pod)) continue;
            if (isGitpodWorkspace(pod)) workspaces.add(pod);
            PodSpec spec = pod.getSpec();
            if (spec == null) continue;
            String name = "pod " + KubeFacts.qualifiedName(pod);
            for (Container c : KubeFacts.containers(pod)) {
                if (c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged())) {
                    if (isCoderWorkspace(pod) && isEnvbox(c)) {
                        envbox.add(name + ", container " + c.getName() + ": " + c.getImage() + " (privileged by design; its inner containers are not)");
                    } else {
                        privileged.add(name + ", container " + c.getName() + ": securityContext.privileged=true");
                    }
                }
            }
            if (Boolean.TRUE.equals(spec.getHostPID())) hostNamespaces.add(name + ": hostPID=true");
            if (Boolean.TRUE.equals(spec.getHostIPC())) hostNamespaces.add(name + ": hostIPC=true");
            if (Boolean.TRUE.equals(spec.getHostNetwork())) hostNamespaces.add(name + ": hostNetwork=true");
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                tokens.add(name + ": automountServiceAccountToken=" + spec.getAutomountServiceAccountToken()
                        + " (service account " + spec.getServiceAccountName() + ")");
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (!privileged.isEmpty()) {
            findings.add(Finding.error("RY-ISO-002", "Privileged workspace containers", privileged,
                    "Workspaces get Docker from their own rootless daemon, never from privilege: find what patched the pod "
                            + "(a mutating webhook, a modified ws-manager template) and remove privileged: true."));
        }
        if (!envbox.isEmpty()) {
            findings.add(Finding.info("RY-ISO-006", "Coder workspaces run Docker through envbox (privileged outer container)", envbox,
                    "Nothing to fix: envbox's outer container needs privilege to run Sysbox; workspace code runs in the unprivileged inner "
                            + "container. Choose workspaces.docker: none in the plan for workspaces without Docker and without privilege."));
        }
        if (!hostNamespaces.isEmpty()) {
            findings.add(Finding.error("RY-ISO-003", "Workspace pods share the node's namespaces", hostNamespaces,
                    "Workspace pods must not use hostPID, hostIPC or hostNetwork: with them user code sees every process and socket of the node."));
        }
        if (!tokens.isEmpty()) {
            findings.add(Finding.error("RY-ISO-004", "Workspace pods get a Kubernetes API token", tokens,
                    "Set automountServiceAccountToken: false on the workspace pods (Gitpod's ws-manager does) and on the workspace ServiceAccount."));
        }
        boolean gitpodInstalled = !workspaces.isEmpty()
                || snapshot.deployments().stream().anyMatch(d -> GitpodWorkloadsCheck.NAMESPACE.equals(d.getMetadata().getNamespace()));
        if (gitpodInstalled) {
            List<Map<String, String>> targets = workspaces.isEmpty() ? List.of(WORKSPACE_LABELS)
                    : workspaces.stream().map(KubeFacts::labels).toList();
            List<String> unprotected = new ArrayList<>();
            List<NetworkPolicy> policies = snapshot.networkPolicies().stream()
                    .filter(p -> GitpodWorkloadsCheck.NAMESPACE.equals(p.getMetadata().getNamespace())).toList();
            for (int i = 0; i < targets.size(); i++) {
                Map<String, String> labels = targets.get(i);
                if (policies.stream().noneMatch(p -> p.getSpec() != null && selects(p.getSpec().getPodSelector(), labels))) {
                    unprotected.add(workspaces.isEmpty() ? "no NetworkPolicy in gitpod selects component=workspace"
                            : "pod " + KubeFacts.qualifiedName(workspaces.get(i)) + " is selected by no NetworkPolicy");
                }
            }
            if (!unprotected.isEmpty()) {
                unprotected.add(policies.size() + " NetworkPolicies in namespace gitpod");
                findings.add(Finding.error("RY-ISO-005", "Workspaces are not isolated by NetworkPolicies", unprotected,
                        "Gitpod's installer creates the workspace NetworkPolicies (workspace-default, ...): re-apply its rendered manifests. "
                                + "k3s enforces NetworkPolicies with its embedded controller unless started with --disable-network-policy."));
            }
        }
        return findings;
    }

    static boolean isWorkspace(Pod pod) {
        return isGitpodWorkspace(pod) || isCoderWorkspace(pod);
    }

    static boolean isGitpodWorkspace(Pod pod) {
        return GitpodWorkloadsCheck.NAMESPACE.equals(KubeFacts.namespace(pod)) && "workspace".equals(KubeFacts.labels(pod).get("component"));
    }

    static boolean isCoderWorkspace(Pod pod) {
        Map<String, String> labels = KubeFacts.labels(pod);
        return labels.containsKey(CODER_WORKSPACE_ID_LABEL) || "coder-workspace".equals(labels.get("app.kubernetes.io/name"));
    }

    /** coder/envbox's image, by repository (any tag or digest) and its {@code /envbox} entry point. */
    static boolean isEnvbox(Container c) {
        String image = c.getImage() == null ? "" : c.getImage();
        boolean repository = image.equals(ENVBOX_IMAGE) || image.startsWith(ENVBOX_IMAGE + ":") || image.startsWith(ENVBOX_IMAGE + "@");
        boolean entry = c.getCommand() != null && !c.getCommand().isEmpty() && c.getCommand().get(0).equals("/envbox");
        return repository && entry;
    }

    /** Kubernetes label selector semantics; an empty selector selects every pod in the namespace. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) return true;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) return false;
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                List<String> values = r.getValues() == null ? List.of() : r.getValues();
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) return false;
            }
        }
        return true;
    }
}
