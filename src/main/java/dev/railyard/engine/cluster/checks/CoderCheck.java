package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.CoderHealthReport;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import dev.railyard.engine.plan.Platform;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Coder on the cluster: coderd's Deployment, its PostgreSQL (a CloudNativePG Cluster, or the
 * connection errors in coderd's log), the access URL and its wildcard in DNS, the certificate, the
 * provisioner, and every problem Coder's own health report names (its codes as evidence).
 */
public final class CoderCheck implements HealthCheck {

    public static final String NAMESPACE = "coder";
    public static final String DEPLOYMENT = "coder";
    /** Any name under the wildcard: what a workspace app's address looks like to DNS. */
    public static final String WILDCARD_PROBE = "railyard-wildcard-check";

    /** What lib/pq and pgx say when coderd cannot reach or log in to PostgreSQL. */
    static final Pattern DATABASE_ERROR = Pattern.compile("connect(ion)? refused|dial tcp [^ ]+:5432|password authentication failed"
            + "|no pg_hba.conf entry|pq: |failed to connect to|connect to postgres|ping postgres|database \\S+ does not exist",
            Pattern.CASE_INSENSITIVE);

    @Override
    public boolean appliesTo(Expectations expect) {
        return !expect.fromPlan() || expect.platform() == Platform.CODER;
    }

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<Finding> findings = new ArrayList<>();
        Optional<Deployment> coderd = snapshot.deployments().stream()
                .filter(d -> NAMESPACE.equals(d.getMetadata().getNamespace()) && DEPLOYMENT.equals(d.getMetadata().getName())).findFirst();
        if (coderd.isEmpty()) {
            if (expect.fromPlan()) {
                findings.add(Finding.error("RY-CODER-000", "Coder is not installed", List.of("no deployment " + NAMESPACE + "/" + DEPLOYMENT),
                        "Run `railyard provision` (or `railyard resume`): its Coder step applies the Coder HelmChart and waits for coderd."));
            }
            return findings;
        }
        List<Pod> coderPods = snapshot.pods().stream().filter(p -> NAMESPACE.equals(KubeFacts.namespace(p))
                && KubeFacts.name(p).startsWith(DEPLOYMENT + "-") && !KubeFacts.labels(p).containsKey("cnpg.io/cluster")).toList();
        coderdReady(coderd.get(), coderPods, findings);
        database(snapshot, coderPods, findings);
        expect.domainIfKnown().ifPresent(domain -> dns(snapshot, domain, findings));
        certificate(snapshot, expect, findings);
        provisioner(snapshot, coderd.get(), findings);
        codersOwnReport(snapshot, findings);
        return findings;
    }

    private static void coderdReady(Deployment d, List<Pod> pods, List<Finding> findings) {
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        if (ready >= want) return;
        List<String> evidence = new ArrayList<>();
        evidence.add("deployment " + NAMESPACE + "/" + DEPLOYMENT + ": " + ready + "/" + want + " ready");
        for (Pod pod : pods) {
            for (ContainerStatus s : KubeFacts.containerStatuses(pod)) {
                String reason = KubeFacts.waitingReason(s);
                evidence.add("pod " + KubeFacts.qualifiedName(pod) + ", container " + s.getName() + ": "
                        + (Boolean.TRUE.equals(s.getReady()) ? "ready" : reason.isEmpty() ? "not ready" : reason)
                        + (KubeFacts.restarts(s) > 0 ? ", " + KubeFacts.restarts(s) + " restarts" : ""));
            }
        }
        findings.add(Finding.error("RY-CODER-001", "coderd is not ready", evidence,
                "`kubectl -n coder logs deploy/coder` says why; coderd waits for its database (RY-CODER-002) and answers /healthz only "
                        + "once it serves. ImagePullBackOff on arm64 nodes means an image without an arm64 variant."));
    }

    private static void database(ClusterSnapshot snapshot, List<Pod> coderPods, List<Finding> findings) {
        List<String> evidence = new ArrayList<>();
        for (GenericKubernetesResource cluster : snapshot.coder().databaseClusters()) {
            if (!NAMESPACE.equals(cluster.getMetadata().getNamespace())) continue;
            String[] ready = readyCondition(cluster);
            String phase = text(cluster, "status", "phase");
            if (ready == null || !"True".equals(ready[0])) {
                evidence.add("CloudNativePG Cluster " + NAMESPACE + "/" + cluster.getMetadata().getName() + ": phase \""
                        + (phase.isEmpty() ? "none yet" : phase) + "\", Ready=" + (ready == null ? "unknown" : ready[0]
                        + (ready[1].isEmpty() ? "" : " (" + ready[1] + ")")));
            }
        }
        for (Pod pod : coderPods) {
            snapshot.logsOf(KubeFacts.namespace(pod), KubeFacts.name(pod)).stream()
                    .filter(line -> DATABASE_ERROR.matcher(line).find()).limit(3)
                    .forEach(line -> evidence.add(KubeFacts.name(pod) + ": " + line.strip()));
        }
        if (evidence.isEmpty()) return;
        findings.add(Finding.error("RY-CODER-002", "Coder cannot reach its database", evidence,
                "In-cluster: `kubectl -n coder get cluster,pods -l cnpg.io/cluster` and the operator's log "
                        + "(`kubectl -n cnpg-system logs deploy/cnpg-cloudnative-pg`); the Cluster needs a bound volume from local-path. "
                        + "External: check host, port 5432, sslMode and the password in the Secret coderd reads CODER_PG_CONNECTION_URL from."));
    }

    private static void dns(ClusterSnapshot snapshot, String domain, List<Finding> findings) {
        Set<String> ingress = ingressAddresses(snapshot.services());
        List<String> evidence = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        names.put(domain, "access URL");
        names.put(WILDCARD_PROBE + "." + domain, "wildcard *." + domain);
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (!snapshot.coder().resolved().containsKey(e.getKey())) continue;
            List<String> addresses = snapshot.coder().resolved().get(e.getKey());
            if (addresses.isEmpty()) {
                evidence.add(e.getValue() + ": " + e.getKey() + " does not resolve");
            } else if (!ingress.isEmpty() && addresses.stream().noneMatch(ingress::contains)) {
                evidence.add(e.getValue() + ": " + e.getKey() + " resolves to " + String.join(", ", addresses)
                        + ", the ingress is at " + String.join(", ", ingress));
            }
        }
        if (evidence.isEmpty()) return;
        findings.add(Finding.error("RY-CODER-003", "Coder's access URL or wildcard does not point at the cluster", evidence,
                "Create the A records of dns.txt (in the export): " + domain + " and *." + domain + " to the load balancer's address. "
                        + "Without the wildcard, workspace apps and port forwarding fail; without the access URL nobody can log in."));
    }

    /** The addresses k3s's service load balancer (or a cloud load balancer) publishes for LoadBalancer services. */
    static Set<String> ingressAddresses(List<Service> services) {
        Set<String> out = new LinkedHashSet<>();
        for (Service s : services) {
            if (s.getSpec() == null || !"LoadBalancer".equals(s.getSpec().getType())) continue;
            if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress() == null) continue;
            for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngress()) {
                if (i.getIp() != null) out.add(i.getIp());
            }
        }
        return out;
    }

    private static void certificate(ClusterSnapshot snapshot, Expectations expect, List<Finding> findings) {
        if (!expect.expectsCertManager() || snapshot.hasGap(TlsCheck.GAP)) return;
        List<GenericKubernetesResource> certificates = snapshot.certificates().stream()
                .filter(c -> NAMESPACE.equals(c.getMetadata().getNamespace())).toList();
        List<String> evidence = new ArrayList<>();
        if (certificates.isEmpty() && expect.fromPlan()) evidence.add("no Certificate in namespace " + NAMESPACE);
        for (GenericKubernetesResource c : certificates) {
            String[] ready = readyCondition(c);
            if (ready != null && "True".equals(ready[0])) continue;
            evidence.add("certificate " + NAMESPACE + "/" + c.getMetadata().getName() + ": Ready="
                    + (ready == null ? "no status yet" : ready[0] + (ready[1].isEmpty() ? "" : " (" + ready[1] + ")")));
        }
        if (evidence.isEmpty()) return;
        findings.add(Finding.error("RY-CODER-004", "Coder's certificate is not ready", evidence,
                "`kubectl -n coder describe certificate` and its Challenges: DNS01 needs the Cloudflare token to edit the zone. "
                        + "Until the certificate is Ready, browsers refuse the access URL."));
    }

    private static void provisioner(ClusterSnapshot snapshot, Deployment coderd, List<Finding> findings) {
        List<String> evidence = new ArrayList<>();
        if (coderd.getSpec() != null && coderd.getSpec().getTemplate() != null && coderd.getSpec().getTemplate().getSpec() != null) {
            for (var c : coderd.getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getEnv() == null) continue;
                for (EnvVar e : c.getEnv()) {
                    if ("CODER_PROVISIONER_DAEMONS".equals(e.getName()) && "0".equals(e.getValue())) {
                        evidence.add("deployment coder/coder, container " + c.getName() + ": CODER_PROVISIONER_DAEMONS=0");
                    }
                }
            }
        }
        snapshot.coder().healthReport().filter(r -> r.provisionerDaemons() == 0)
                .ifPresent(r -> evidence.add("Coder's health report lists no provisioner daemon"));
        if (evidence.isEmpty()) return;
        findings.add(Finding.error("RY-CODER-005", "Coder has no provisioner", evidence,
                "Without a provisioner no template imports and no workspace starts. Remove CODER_PROVISIONER_DAEMONS=0 from the chart "
                        + "values (coderd runs built-in provisioners by default) or run external provisioner daemons."));
    }

    private static void codersOwnReport(ClusterSnapshot snapshot, List<Finding> findings) {
        var facts = snapshot.coder();
        if (!facts.healthReportProblem().isEmpty()) {
            findings.add(Finding.info("RY-CODER-007", "Coder's own health report could not be read", List.of(facts.healthReportProblem()),
                    "The report needs the owner's session: keep the admin password in the secret store and coderd reachable at its access URL."));
        }
        if (facts.healthReport().isEmpty()) return;
        CoderHealthReport report = facts.healthReport().get();
        List<CoderHealthReport.Problem> errors = report.problems().stream().filter(p -> "error".equals(p.severity()) && !p.dismissed()).toList();
        List<CoderHealthReport.Problem> warnings = report.problems().stream().filter(p -> !errors.contains(p)).toList();
        String fix = "Each code is explained in Coder's documentation (docs/admin/monitoring/health-check.md, e.g. EACS03, EDB01); "
                + "`coder support bundle` collects more.";
        if (!errors.isEmpty()) {
            findings.add(Finding.error("RY-CODER-006", "Coder's health report: " + errors.size() + " error(s)",
                    errors.stream().map(CoderHealthReport.Problem::evidence).toList(), fix));
        }
        if (!warnings.isEmpty()) {
            findings.add(Finding.warning("RY-CODER-006", "Coder's health report: " + warnings.size() + " warning(s)",
                    warnings.stream().map(CoderHealthReport.Problem::evidence).toList(), fix));
        }
    }

    /** The Ready condition's status and message, or null without one. */
    static String[] readyCondition(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) return null;
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))) {
                return new String[] {String.valueOf(m.get("status")), m.get("message") == null ? "" : String.valueOf(m.get("message"))};
            }
        }
        return null;
    }

    static String text(GenericKubernetesResource r, String... path) {
        Object node = r.getAdditionalProperties();
        for (String p : path) {
            if (!(node instanceof Map<?, ?> m)) return "";
            node = m.get(p);
        }
        return node == null ? "" : String.valueOf(node);
    }
}
