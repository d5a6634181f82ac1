package dev.railyard.engine.validate;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Provider.Host;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the cluster runs. Fields of sections that are not in use are still checked for their form
 * (a saved plan keeps them and a later switch of {@code type} uses them), but only the chosen
 * section's fields are required.
 */
final class ProviderRules {

    private static final String BASE = "spec.provider";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Azure's rule, restricted to ASCII: the name also lands in Terraform and shell files. */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[A-Za-z0-9._()-]{0,89}[A-Za-z0-9_()-]");
    /** POSIX portable user names as Debian and Ubuntu's adduser accept them. */
    private static final Pattern POSIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private ProviderRules() {}

    static void check(Provider provider, Catalog catalog, PlanValidator.Problems out) {
        String type = provider.type();
        if (type == null || type.isEmpty()) {
            out.error(BASE + ".type", "required: one of " + String.join(", ", Provider.TYPES));
        } else if (!Provider.TYPES.contains(type)) {
            out.error(BASE + ".type", "must be one of " + String.join(", ", Provider.TYPES));
        }
        if (provider.hetzner() != null) hetzner(provider.hetzner(), provider.isHetzner(), catalog, out);
        else if (provider.isHetzner()) out.error(BASE + ".hetzner", "required when type is hetzner: location and tokenRef");
        if (provider.azure() != null) azure(provider.azure(), provider.isAzure(), catalog, out);
        else if (provider.isAzure()) {
            out.error(BASE + ".azure", "required when type is azure: location, subscriptionId, tenantId, clientId, resourceGroup and credentialsRef");
        }
        if (provider.existing() != null) existing(provider.existing(), provider.isExisting(), out);
        else if (provider.isExisting()) out.error(BASE + ".existing", "required when type is existing: the list of hosts");
        unusedSections(provider, out);
    }

    private static void unusedSections(Provider provider, PlanValidator.Problems out) {
        if (!Provider.TYPES.contains(provider.type())) return;
        Map<String, Object> sections = new java.util.LinkedHashMap<>();
        sections.put(Provider.HETZNER, provider.hetzner());
        sections.put(Provider.AZURE, provider.azure());
        sections.put(Provider.EXISTING, provider.existing());
        sections.forEach((name, section) -> {
            if (section != null && !name.equals(provider.type())) {
                out.warning(BASE + "." + name, "is ignored because spec.provider.type is " + provider.type());
            }
        });
    }

    private static void hetzner(Provider.Hetzner h, boolean inUse, Catalog catalog, PlanValidator.Problems out) {
        String path = BASE + ".hetzner";
        location(Provider.HETZNER, path + ".location", h.location(), inUse, catalog, out);
        if (inUse) SecretRefs.required(out, path + ".tokenRef", h.tokenRef(), "the Hetzner Cloud API token");
        else SecretRefs.optional(out, path + ".tokenRef", h.tokenRef(), "the Hetzner Cloud API token");
    }

    private static void azure(Provider.Azure a, boolean inUse, Catalog catalog, PlanValidator.Problems out) {
        String path = BASE + ".azure";
        location(Provider.AZURE, path + ".location", a.location(), inUse, catalog, out);
        guid(path + ".subscriptionId", a.subscriptionId(), "the Azure subscription id", inUse, out);
        guid(path + ".tenantId", a.tenantId(), "the Entra ID (Azure AD) tenant id", inUse, out);
        guid(path + ".clientId", a.clientId(), "the service principal's application (client) id", inUse, out);
        String group = a.resourceGroup();
        if (group == null || group.isEmpty()) {
            if (inUse) out.error(path + ".resourceGroup", "required: the resource group Railyard creates the cluster in, e.g. acme-gitpod-rg");
        } else if (!RESOURCE_GROUP.matcher(group).matches()) {
            out.error(path + ".resourceGroup", "must be 1-90 characters of letters, digits, '.', '_', '-', '(' and ')', not ending with '.'");
        }
        if (inUse) SecretRefs.required(out, path + ".credentialsRef", a.credentialsRef(), "the service principal's client secret");
        else SecretRefs.optional(out, path + ".credentialsRef", a.credentialsRef(), "the service principal's client secret");
    }

    private static void guid(String path, String value, String what, boolean inUse, PlanValidator.Problems out) {
        if (value == null || value.isEmpty()) {
            if (inUse) out.error(path, "required: " + what + ", a GUID like 00000000-0000-0000-0000-000000000000");
        } else if (!GUID.matcher(value).matches()) {
            out.error(path, "must be " + what + " as a GUID: 8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000");
        }
    }

    private static void location(String provider, String path, String value, boolean inUse, Catalog catalog, PlanValidator.Problems out) {
        if (value == null || value.isEmpty()) {
            if (inUse) out.error(path, "required: one of " + knownLocations(provider, catalog));
        } else if (catalog.location(provider, value).isEmpty()) {
            out.error(path, "is not a " + provider + " location Railyard knows (catalog of " + catalog.date() + "); use one of "
                    + knownLocations(provider, catalog));
        }
    }

    private static String knownLocations(String provider, Catalog catalog) {
        return catalog.provider(provider).map(p -> p.locations().stream().map(Catalog.Location::name)
                .collect(Collectors.joining(", "))).orElse("(none in the catalog)");
    }

    private static void existing(Provider.Existing existing, boolean inUse, PlanValidator.Problems out) {
        List<Host> hosts = existing.hosts();
        String path = BASE + ".existing.hosts";
        if (hosts.isEmpty() && inUse) {
            out.error(path, "needs at least one host: name, address, role (manager or node), sshUser and sshPort");
        } else if (inUse) {
            // validation reads no host; the architecture is checked by Test SSH and by provisioning's host preflight
            out.warning(path, "Gitpod 2022.11 runs on amd64 (x86_64) servers only: its images were never published for arm64"
                    + " (gitpod-io/gitpod issues 1756 and 8509), so a Raspberry Pi or another arm64 host cannot run it. Test SSH shows"
                    + " each host's architecture, and provisioning stops before installing anything on an arm64 host");
        }
        Map<String, Integer> firstByName = new HashMap<>();
        Map<String, Integer> firstByAddress = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            Host host = hosts.get(i);
            String at = path + "[" + i + "]";
            if (host == null) {
                out.error(at, "is empty; give name, address, role, sshUser and sshPort");
                continue;
            }
            host(host, at, out);
            Integer sameName = host.name() == null ? null : firstByName.putIfAbsent(host.name(), i);
            if (sameName != null) out.error(at + ".name", "is the same as hosts[" + sameName + "].name; host names must be unique");
            Integer sameAddress = host.address() == null ? null : firstByAddress.putIfAbsent(host.address(), i);
            if (sameAddress != null) out.error(at + ".address", "is the same as hosts[" + sameAddress + "].address; each host is a different server");
        }
    }

    private static void host(Host host, String at, PlanValidator.Problems out) {
        if (host.name() == null || host.name().isEmpty()) {
            out.error(at + ".name", "required: the host's name in the cluster, e.g. rpi-node-1 (" + DnsNames.LABEL_RULE + ")");
        } else if (!DnsNames.isLabel(host.name())) {
            out.error(at + ".name", "must be a DNS-1123 label (it becomes the Kubernetes node name): " + DnsNames.LABEL_RULE + ", at most 63 characters");
        }
        if (host.address() == null || host.address().isEmpty()) {
            out.error(at + ".address", "required: the IPv4 address or DNS name Railyard reaches the host at over SSH");
        } else if (!Endpoints.isHost(host.address())) {
            out.error(at + ".address", "must be an IPv4 address such as 192.168.1.20 or a DNS name such as pi-1.home.example.com ("
                    + DnsNames.NAME_RULE + ")");
        }
        if (host.role() == null || host.role().isEmpty()) {
            out.error(at + ".role", "required: manager or node");
        } else if (!Host.MANAGER.equals(host.role()) && !Host.NODE.equals(host.role())) {
            out.error(at + ".role", "must be manager (runs the k3s server) or node (runs workspaces)");
        }
        if (host.sshUser() == null || host.sshUser().isEmpty()) {
            out.error(at + ".sshUser", "required: the user Railyard logs in as over SSH, e.g. ubuntu");
        } else if (!POSIX_USER.matcher(host.sshUser()).matches()) {
            out.error(at + ".sshUser", "must be a POSIX user name: a lower-case letter or '_', then lower-case letters, digits, '_' or '-', at most 32 characters");
        }
        if (host.sshPort() == null) {
            out.error(at + ".sshPort", "required: the port the host's sshd listens on today, usually 22");
        } else if (!Endpoints.isPort(host.sshPort())) {
            out.error(at + ".sshPort", "must be a port number from 1 to 65535");
        }
    }
}
