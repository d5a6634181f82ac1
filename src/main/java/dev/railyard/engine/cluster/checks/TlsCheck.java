package dev.railyard.engine.cluster.checks;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TLS: cert-manager's {@code https-certificates} Certificate in namespace gitpod must be Ready, cover
 * {@code <domain>}, {@code *.<domain>} and {@code *.ws.<domain>}, and not be about to expire; DNS01
 * Challenges that fail say why (their {@code status.reason}).
 */
public final class TlsCheck implements HealthCheck {

    public static final String CERTIFICATE = "https-certificates";
    public static final String GAP = "cert-manager";
    static final long WARN_DAYS = 14;

    @Override
    public boolean appliesTo(Expectations expect) {
        return expect.platform() == dev.railyard.engine.plan.Platform.GITPOD;
    }

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        if (!expect.expectsCertManager()) return List.of();
        List<Finding> findings = new ArrayList<>();
        if (snapshot.hasGap(GAP)) {
            if (expect.fromPlan()) {
                findings.add(Finding.error("RY-TLS-001", "cert-manager is not installed",
                        snapshot.gaps().stream().filter(g -> g.startsWith(GAP)).toList(),
                        "Install cert-manager (a k3s HelmChart in kube-system) and its ClusterIssuer before Gitpod: `railyard apply` does this."));
            }
            return findings;
        }
        Optional<GenericKubernetesResource> certificate = snapshot.certificates().stream()
                .filter(c -> CERTIFICATE.equals(c.getMetadata().getName()) && "gitpod".equals(c.getMetadata().getNamespace()))
                .findFirst();
        if (certificate.isEmpty()) {
            findings.add(new Finding("RY-TLS-001", expect.fromPlan() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                    "No Certificate gitpod/" + CERTIFICATE,
                    List.of(snapshot.certificates().size() + " Certificates in the cluster, none named gitpod/" + CERTIFICATE),
                    "Create the wildcard Certificate (secretName " + CERTIFICATE + ") for the three Gitpod names; Gitpod's proxy waits for its Secret."));
        } else {
            checkCertificate(certificate.get(), snapshot.takenAt(), expect, findings);
        }
        List<String> failing = new ArrayList<>();
        for (GenericKubernetesResource challenge : snapshot.challenges()) {
            String state = text(challenge, "status", "state");
            if ("valid".equals(state)) continue;
            String reason = text(challenge, "status", "reason");
            if (reason.isEmpty() && !"invalid".equals(state) && !"errored".equals(state)) continue;
            failing.add(challenge.getMetadata().getNamespace() + "/" + challenge.getMetadata().getName()
                    + " for " + text(challenge, "spec", "dnsName") + " (" + text(challenge, "spec", "type") + "): state="
                    + (state.isEmpty() ? "pending" : state) + ", reason: " + reason);
        }
        if (!failing.isEmpty()) {
            findings.add(Finding.error("RY-TLS-005", failing.size() + " ACME challenge(s) failing", failing,
                    "For DNS01: the solver's API token (Secret cloudflare-solver in cert-manager) needs Zone:DNS:Edit on the domain's zone, "
                            + "and the TXT record must be visible from 1.1.1.1 and 8.8.8.8 (`dig TXT _acme-challenge.<domain> @1.1.1.1`). "
                            + "`kubectl -n cert-manager logs deploy/cert-manager` shows each attempt."));
        }
        return findings;
    }

    private static void checkCertificate(GenericKubernetesResource cert, Instant now, Expectations expect, List<Finding> findings) {
        Map<String, Object> ready = readyCondition(cert);
        if (ready == null || !"True".equals(ready.get("status"))) {
            List<String> evidence = new ArrayList<>();
            evidence.add("Ready=" + (ready == null ? "absent" : ready.get("status"))
                    + (ready == null ? "" : ", reason=" + ready.get("reason") + ": " + ready.get("message")));
            findings.add(Finding.error("RY-TLS-002", "Certificate gitpod/" + CERTIFICATE + " is not issued", evidence,
                    "`kubectl -n gitpod describe certificate " + CERTIFICATE + "` and `kubectl get challenges -A`: "
                            + "a DNS01 challenge that never validates keeps Gitpod's proxy pods in Init (see RY-TLS-005)."));
        }
        List<String> names = new ArrayList<>();
        Object dnsNames = cert.get("spec", "dnsNames");
        if (dnsNames instanceof List<?> list) list.forEach(n -> names.add(String.valueOf(n)));
        String domain = expect.domainIfKnown().orElseGet(() -> names.stream().filter(n -> !n.startsWith("*.")).findFirst().orElse(null));
        if (domain != null) {
            List<String> missing = List.of(domain, "*." + domain, "*.ws." + domain).stream().filter(n -> !names.contains(n)).toList();
            if (!missing.isEmpty()) {
                findings.add(Finding.error("RY-TLS-003", "The certificate does not cover all of Gitpod's names",
                        List.of("dnsNames: " + names, "missing: " + missing),
                        "Set spec.dnsNames to [" + domain + ", *." + domain + ", *.ws." + domain + "]; workspaces live on *.ws." + domain + "."));
            }
        }
        String notAfter = text(cert, "status", "notAfter");
        if (!notAfter.isEmpty()) {
            try {
                long days = Duration.between(now, Instant.parse(notAfter)).toDays();
                if (days < 0) {
                    findings.add(Finding.error("RY-TLS-004", "The certificate expired " + (-days) + " days ago",
                            List.of("status.notAfter: " + notAfter), "Renewal failed: see RY-TLS-005 or `kubectl -n gitpod describe certificate " + CERTIFICATE + "`."));
                } else if (days < WARN_DAYS) {
                    findings.add(Finding.warning("RY-TLS-004", "The certificate expires in " + days + " days",
                            List.of("status.notAfter: " + notAfter, "cert-manager renews 30 days before expiry, so renewal is already failing"),
                            "`kubectl -n gitpod describe certificate " + CERTIFICATE + "` shows the last renewal attempt."));
                }
            } catch (DateTimeParseException e) {
                // a malformed timestamp is cert-manager's problem; the Ready condition tells the story
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyCondition(GenericKubernetesResource cert) {
        Object conditions = cert.get("status", "conditions");
        if (!(conditions instanceof List<?> list)) return null;
        for (Object c : list) {
            if (c instanceof Map<?, ?> map && "Ready".equals(map.get("type"))) return (Map<String, Object>) map;
        }
        return null;
    }

    private static String text(GenericKubernetesResource resource, Object... path) {
        Object value = resource.get(path);
        return value == null ? "" : String.valueOf(value);
    }
}
