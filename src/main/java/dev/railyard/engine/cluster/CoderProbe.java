package dev.railyard.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Coder checks learn outside the Kubernetes API: DNS for the access URL and the wildcard, and
 * Coder's own health report when an owner session can be had. Tests pass their own resolver and report
 * source, so no test resolves a real name or reaches a real Coder.
 */
@FunctionalInterface
public interface CoderProbe {

    CoderFacts probe(Expectations expect);

    /** Probes nothing: the Coder checks then judge from the cluster alone. */
    CoderProbe NONE = expect -> CoderFacts.none();

    /** Addresses of a name; empty when it does not resolve. */
    @FunctionalInterface
    interface Resolver {
        List<String> resolve(String name);

        Resolver SYSTEM = name -> {
            try {
                return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).distinct().toList();
            } catch (UnknownHostException e) {
                return List.of();
            }
        };
    }

    /** Coder's {@code /api/v2/debug/health} as JSON; throws with a reason a person can read. */
    @FunctionalInterface
    interface ReportSource {
        JsonNode read() throws Exception;
    }

    /**
     * The probe of a Coder plan, the same for the CLI and the app: names resolved by {@code names} (the system's resolver
     * outside tests), and Coder's own report read
     * with the owner's session when the owner password is in the secret store, from {@code -Drailyard.coder.url} (checked,
     * see {@link dev.railyard.engine.run.EndpointOverrides}) or else the plan's access URL. {@link #NONE} for a Gitpod plan.
     */
    static CoderProbe forPlan(dev.railyard.engine.plan.ClusterPlan plan, dev.railyard.engine.secrets.SecretResolver secrets, Resolver names) {
        return forPlan(plan, secrets, names, dev.railyard.engine.coder.CoderTransport.over(java.net.http.HttpClient.newHttpClient()));
    }

    /** As {@link #forPlan(dev.railyard.engine.plan.ClusterPlan, dev.railyard.engine.secrets.SecretResolver, Resolver)}, Coder reached through {@code transport}. */
    static CoderProbe forPlan(dev.railyard.engine.plan.ClusterPlan plan, dev.railyard.engine.secrets.SecretResolver secrets, Resolver names,
                              dev.railyard.engine.coder.CoderTransport transport) {
        if (plan.spec().platform() != dev.railyard.engine.plan.Platform.CODER) return NONE;
        var admin = plan.spec().coder().admin();
        Optional<String> password = Optional.ofNullable(admin.passwordRef()).flatMap(dev.railyard.engine.secrets.SecretRef::parse)
                .flatMap(secrets::resolve);
        java.net.URI base = dev.railyard.engine.run.EndpointOverrides.coderUrl()
                .orElse(java.net.URI.create("https://" + plan.spec().coder().domain()));
        Optional<ReportSource> report = password.map(pw -> () -> {
            var api = new dev.railyard.engine.coder.CoderApi(transport, base, java.time.Duration.ofSeconds(15));
            return api.debugHealth(api.login(admin.email(), pw));
        });
        return of(names, report, dev.railyard.engine.cluster.checks.CoderCheck.WILDCARD_PROBE);
    }

    /**
     * Resolves {@code domain} and a name under {@code *.domain}; reads the report when {@code report} is
     * present (an owner session was available).
     */
    static CoderProbe of(Resolver resolver, Optional<ReportSource> report, String wildcardProbeLabel) {
        Logger log = LoggerFactory.getLogger(CoderProbe.class);
        return expect -> {
            Map<String, List<String>> resolved = new LinkedHashMap<>();
            expect.domainIfKnown().ifPresent(domain -> {
                resolved.put(domain, resolver.resolve(domain));
                String wildcard = wildcardProbeLabel + "." + domain;
                resolved.put(wildcard, resolver.resolve(wildcard));
            });
            CoderFacts facts = CoderFacts.none().withResolved(resolved);
            if (report.isEmpty()) return facts;
            try {
                return facts.withHealthReport(Optional.of(CoderHealthReport.parse(report.get().read())), "");
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                log.debug("cannot read Coder's health report", e);
                return facts.withHealthReport(Optional.empty(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        };
    }
}
