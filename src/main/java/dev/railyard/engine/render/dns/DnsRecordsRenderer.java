package dev.railyard.engine.render.dns;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.coder.CoderRenderer;
import dev.railyard.engine.render.gitpod.GitpodRenderer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code dns.txt}: the three records that send {@code <domain>}, {@code *.<domain>} and
 * {@code *.ws.<domain>} to the ingress, in zone-file form so they can be pasted into most DNS
 * providers' import screens.
 */
public final class DnsRecordsRenderer implements FileRenderer {

    public static final String DNS = "dns.txt";

    /** What stands for the load balancer's address, which only exists once Terraform has run. */
    public static final String INGRESS_PLACEHOLDER = "INGRESS_IPV4";

    static final int TTL_SECONDS = 300;

    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        boolean coder = plan.spec().platform() == Platform.CODER;
        String domain = plan.spec().platformDomain();
        if (domain == null || !HOST_NAME.matcher(domain).matches() || domain.endsWith(".")) {
            throw new IllegalStateException("spec." + plan.spec().platform().key()
                    + ".domain must be a DNS name to render dns.txt; validate the plan first");
        }
        Provider provider = plan.spec().provider();
        String who = coder ? "Coder" : "Gitpod";
        // Coder tunnels SSH through HTTPS: its users need 80 and 443 only.
        String ports = coder ? "80 and 443" : "22, 80 and 443";
        StringBuilder out = new StringBuilder();
        out.append("; DNS records for ").append(who).append(" at ").append(domain).append(" (plan ").append(safeComment(plan.name())).append(")\n");
        if (coder) {
            out.append("; Coder serves the domain itself and *.").append(domain).append(" (apps and forwarded ports);\n");
            out.append("; both must reach the ingress.\n");
        } else {
            out.append("; Gitpod serves the domain itself, *.").append(domain).append(" (ports, previews) and\n");
            out.append("; *.ws.").append(domain).append(" (workspaces); all three must reach the ingress.\n");
        }
        String type;
        String target;
        if (provider.isCloud()) {
            type = "A";
            target = INGRESS_PLACEHOLDER;
            out.append("; ").append(INGRESS_PLACEHOLDER).append(" is the public IPv4 address of the ingress load balancer, a Terraform\n");
            out.append("; output known once `terraform apply` has run. Print it with:\n");
            out.append(";   terraform -chdir=terraform output -raw ingress_ipv4\n");
            out.append("; and put it in place of ").append(INGRESS_PLACEHOLDER).append(" below.\n");
        } else {
            Provider.Host manager = provider.existing() == null ? null
                    : provider.existing().hosts().stream().filter(Provider.Host::isManager).findFirst().orElse(null);
            if (manager == null || manager.address() == null) {
                throw new IllegalStateException("spec.provider.existing.hosts needs a host with role manager and an address; validate the plan first");
            }
            target = manager.address();
            type = recordType(target);
            out.append("; The ingress is k3s's service load balancer on the first manager, ").append(manager.name() == null ? "" : safeComment(manager.name()) + " ").append("(").append(target).append(").\n");
            if (plan.spec().network().tailscale().isEnabled()) {
                out.append("; Tailscale carries only the traffic between the hosts: browsers, git clients and Let's Encrypt\n");
                if (coder) {
                    out.append("; still come over the public internet, so this address (or a port forward of 80\n");
                    out.append("; and 443 to it) must be reachable from wherever Coder's users are.\n");
                } else {
                    out.append("; still come over the public internet, so this address (or a port forward of 22, 80\n");
                    out.append("; and 443 to it) must be reachable from wherever Gitpod's users are.\n");
                }
            } else {
                out.append("; This address must be reachable on ").append(ports).append(" from wherever ").append(who)
                        .append("'s users are; for a\n");
                out.append("; private address, forward those ports from a public one and use that here instead.\n");
            }
            if (type.equals("A") && isPrivateIpv4(target)) {
                out.append("; ").append(target).append(" is a private address: these records work only inside that network. For users\n");
                out.append("; elsewhere, use a public address that forwards ").append(ports).append(" to it.\n");
            }
            if (type.equals("CNAME")) target = target.endsWith(".") ? target : target + ".";
        }
        out.append(";\n");
        List<String> names = coder ? CoderRenderer.hostNames(domain) : GitpodRenderer.gitpodHostNames(domain);
        int width = names.stream().mapToInt(n -> n.length() + 1).max().orElse(0);
        for (String name : names) {
            String owner = name + ".";
            out.append(owner).append(" ".repeat(width - owner.length() + 1))
                    .append(TTL_SECONDS).append(" IN ").append(type).append(' ').append(target).append('\n');
        }
        return List.of(GeneratedFile.text(DNS, out.toString()));
    }

    /** A for IPv4, AAAA for IPv6 and, for a host given by name, a CNAME to that name. */
    static String recordType(String address) {
        if (IPV4.matcher(address).matches()) return "A";
        if (IPV6.matcher(address).matches()) return "AAAA";
        if (HOST_NAME.matcher(address).matches()) return "CNAME";
        throw new IllegalStateException("spec.provider.existing.hosts[].address must be an IP address or a DNS name: " + address);
    }

    /** RFC 1918, CGNAT (RFC 6598) and loopback ranges: not reachable from the internet. */
    static boolean isPrivateIpv4(String address) {
        String[] parts = address.split("\\.");
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        return a == 10 || a == 127 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168 || a == 100 && b >= 64 && b <= 127;
    }

    /** Zone-file comments end at the line: keep a name on one line whatever it holds. */
    private static String safeComment(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?");
    }
}
