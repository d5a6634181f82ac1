package dev.railyard.engine.cluster.checks;

import static dev.railyard.engine.cluster.KubeFacts.isReady;
import static dev.railyard.engine.cluster.KubeFacts.labels;
import static dev.railyard.engine.cluster.KubeFacts.nodeName;

import dev.railyard.engine.cluster.ClusterSnapshot;
import dev.railyard.engine.cluster.ContainerRef;
import dev.railyard.engine.cluster.Expectations;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthCheck;
import dev.railyard.engine.cluster.KubeFacts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster DNS. The seed's failure: kotsadm and cattle-cluster-agent crash-loop with
 * {@code lookup kotsadm-postgres on 10.43.0.10:53: i/o timeout}. The name is fine and CoreDNS is
 * fine; the pod simply cannot reach CoreDNS on the other node because pod traffic between nodes
 * (flannel VXLAN, or the Tailscale routes it rides on) is broken. Editing /etc/hosts or adding
 * coredns-custom forwards cannot fix that, so the finding says so.
 */
public final class DnsCheck implements HealthCheck {

    /** Go's resolver: {@code lookup <name> on <server>:53: <why>}. */
    static final Pattern GO_LOOKUP = Pattern.compile("lookup (\\S+?)\\.? on ([0-9.]+):53: ([^\"\\n]*)");
    static final Pattern OTHER_FAILURE = Pattern.compile("NXDOMAIN|no such host|Temporary failure in name resolution|could not resolve host",
            Pattern.CASE_INSENSITIVE);

    @Override
    public List<Finding> check(ClusterSnapshot snapshot, Expectations expect) {
        List<Finding> findings = new ArrayList<>();
        Set<String> dnsNodes = new TreeSet<>();
        List<String> dnsProblems = new ArrayList<>();
        int dnsPods = 0;
        for (Pod pod : snapshot.pods()) {
            if (!"kube-system".equals(KubeFacts.namespace(pod)) || !"kube-dns".equals(labels(pod).get("k8s-app"))) continue;
            dnsPods++;
            if (isReady(pod)) {
                dnsNodes.add(nodeName(pod));
            } else {
                dnsProblems.add(KubeFacts.name(pod) + " on " + nodeName(pod) + ": not Ready");
            }
        }
        if (dnsPods == 0 || dnsNodes.isEmpty()) {
            dnsProblems.add(0, dnsPods == 0 ? "no pod with k8s-app=kube-dns in kube-system" : "no CoreDNS pod is Ready");
            findings.add(Finding.error("RY-DNS-002", "CoreDNS is not running", dnsProblems,
                    "k3s deploys CoreDNS itself: check `kubectl -n kube-system describe deploy coredns` and that coredns is not in the k3s `disable:` list."));
        } else if (!dnsProblems.isEmpty()) {
            findings.add(Finding.warning("RY-DNS-002", "Some CoreDNS pods are not Ready", dnsProblems,
                    "`kubectl -n kube-system logs -l k8s-app=kube-dns` shows why; a CoreDNS pod that cannot reach the API server is itself a sign of broken pod networking."));
        }

        Map<String, Pod> podsByName = new HashMap<>();
        for (ContainerRef ref : snapshot.logs().keySet()) podsByName.put(ref.namespace() + "/" + ref.pod(), null);
        for (Pod pod : snapshot.pods()) {
            String key = KubeFacts.qualifiedName(pod);
            if (podsByName.containsKey(key)) podsByName.put(key, pod);
        }
        Set<String> services = new HashSet<>();
        for (Service service : snapshot.services()) {
            services.add(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
        }

        Map<String, String> unreachable = new LinkedHashMap<>();
        Set<String> failingNodes = new TreeSet<>();
        List<String> missingNames = new ArrayList<>();
        snapshot.logs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                .forEach(entry -> {
                    ContainerRef ref = entry.getKey();
                    Pod pod = podsByName.get(ref.namespace() + "/" + ref.pod());
                    String node = pod == null ? "(unknown node)" : nodeName(pod);
                    for (String line : entry.getValue()) {
                        Matcher go = GO_LOOKUP.matcher(line);
                        boolean goMatch = go.find();
                        if (goMatch && !line.contains("no such host")) {
                            unreachable.putIfAbsent(ref.namespace() + "/" + ref.pod(), "on " + node + ": " + line.strip());
                            failingNodes.add(node);
                            break;
                        }
                        if (goMatch || OTHER_FAILURE.matcher(line).find()) {
                            String name = goMatch ? go.group(1) : "";
                            if (!name.isEmpty() && !serviceExists(name, ref.namespace(), services)) {
                                missingNames.add(ref + ": " + line.strip());
                            } else {
                                unreachable.putIfAbsent(ref.namespace() + "/" + ref.pod(), "on " + node + ": " + line.strip());
                                failingNodes.add(node);
                            }
                            break;
                        }
                    }
                });
        if (!unreachable.isEmpty()) {
            List<String> evidence = new ArrayList<>();
            unreachable.forEach((pod, line) -> evidence.add(pod + " " + line));
            evidence.add("CoreDNS Ready on: " + (dnsNodes.isEmpty() ? "no node" : String.join(", ", dnsNodes))
                    + "; failing pods on: " + String.join(", ", failingNodes));
            boolean crossNode = !dnsNodes.isEmpty() && !dnsNodes.containsAll(failingNodes);
            evidence.add(crossNode ? "the failing pods run on nodes without CoreDNS: their queries must cross nodes"
                    : "cluster DNS is " + expect.clusterDnsAddress() + ":53");
            String vpn = expect.tailscale()
                    ? " With Tailscale: the tailnet policy must auto-approve " + expect.podCidr() + " for " + expect.tailscaleTag()
                    + " and accept traffic between them (see RY-TS-*)."
                    : " Over a VPN: each node's pod /24 must be routed (advertised and approved) between hosts.";
            findings.add(Finding.error("RY-DNS-001", "Pods cannot reach cluster DNS: pod traffic between nodes is broken", evidence,
                    "The names exist and CoreDNS answers; the queries never arrive. Allow flannel VXLAN 8472/udp between all k3s hosts "
                            + "(private network firewall, cloud security groups, `ufw allow from <private range> to any port 8472 proto udp`) "
                            + "and check routes for the pod range " + expect.podCidr() + "." + vpn
                            + " Adding names to /etc/hosts or forwarding them in coredns-custom does not fix this: "
                            + "the pod's packets to " + expect.clusterDnsAddress() + " are dropped between hosts."));
        }
        if (!missingNames.isEmpty()) {
            findings.add(Finding.warning("RY-DNS-003", "Pods look up names that are not Services in the cluster", missingNames,
                    "The lookup reached DNS and the answer was 'no such host': create the Service or fix the name (short names resolve in the pod's own namespace)."));
        }
        return findings;
    }

    /** {@code kotsadm-postgres} in the pod's namespace, or {@code name.ns}, {@code name.ns.svc.cluster.local}. */
    private static boolean serviceExists(String name, String podNamespace, Set<String> services) {
        String[] labels = name.split("\\.");
        if (labels.length == 1) return services.contains(podNamespace + "/" + labels[0]);
        if (name.endsWith(".svc.cluster.local") || labels.length == 2 || (labels.length == 3 && "svc".equals(labels[2]))) {
            return services.contains(labels[1] + "/" + labels[0]);
        }
        return true; // an outside name: not ours to judge
    }
}
