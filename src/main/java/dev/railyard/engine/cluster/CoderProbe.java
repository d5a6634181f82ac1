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
