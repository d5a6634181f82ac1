package dev.railyard.engine.render.existing;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Provider.Host;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.k3s.HostScripts;
import dev.railyard.engine.render.k3s.K3sConfig;
import dev.railyard.engine.render.k3s.K3sRole;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * For {@code provider.type: existing}: one idempotent install script per host,
 * {@code existing/<name>.sh}, doing what cloud-init does on cloud servers, and
 * {@code existing/inventory.yaml} listing hosts, roles, addresses and ports. The scripts hold no
 * secret: they read {@code K3S_AGENT_TOKEN}, on managers also {@code K3S_TOKEN} (and {@code TAILSCALE_AUTH_KEY})
 * from the environment.
 */
public final class ExistingHostsRenderer implements FileRenderer {

    public static final int API_PORT = 6443;
    /** Host names become file names and k3s node names: a DNS-1123 label. */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final Template SCRIPT = Template.resource("existing/install-host.sh.tmpl");
    private static final Template JOIN = Template.resource("existing/join.yaml.tmpl");
    private static final Template INVENTORY = Template.resource("existing/inventory.yaml.tmpl");

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        if (!plan.spec().provider().isExisting()) return List.of();
        List<Host> hosts = plan.spec().provider().existing() == null ? List.of() : plan.spec().provider().existing().hosts();
        for (int i = 0; i < hosts.size(); i++) {
            String name = hosts.get(i).name();
            if (name == null || !HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("spec.provider.existing.hosts[" + i + "].name: '" + name
                        + "' must be a DNS label (a-z, 0-9, '-', at most 63 characters): it names the script and the k3s node");
            }
        }
        Host first = hosts.stream().filter(Host::isManager).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("spec.provider.existing.hosts: at least one host needs role manager"));
        boolean embeddedEtcd = hosts.stream().filter(Host::isManager).count() > 1;
        List<GeneratedFile> files = new ArrayList<>();
        for (Host host : hosts) {
            files.add(GeneratedFile.script("existing/" + host.name() + ".sh", script(plan, host, first, embeddedEtcd)));
        }
        files.add(GeneratedFile.text("existing/inventory.yaml", inventory(plan, hosts, first)));
        return List.copyOf(files);
    }

    static String serverUrl(Host firstManager) {
        String address = firstManager.address();
        // an IPv6 literal needs brackets inside a URL
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "https://" + host + ":" + API_PORT;
    }

    private static String script(ClusterPlan plan, Host host, Host first, boolean embeddedEtcd) {
        K3sRole role = host.isManager() ? K3sRole.SERVER : K3sRole.AGENT;
        Network.Tailscale tailscale = plan.spec().network().tailscale();
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("hostName", host.name());
        ctx.put("manager", host.isManager());
        ctx.put("tailscale", tailscale.isEnabled());
        ctx.put("sshPortScript", new HeredocBody(HostScripts.sshPort(plan, host.sshPort() == null ? 22 : host.sshPort())));
        ctx.put("kernelModulesScript", new HeredocBody(HostScripts.kernelModules(plan, role)));
        ctx.put("installK3sScript", new HeredocBody(HostScripts.installK3s(plan, role, host.name())));
        ctx.put("tailscaleScript", tailscale.isEnabled() ? new HeredocBody(HostScripts.tailscale(plan)) : "");
        ctx.put("nodeIpScript", tailscale.isEnabled() ? "" : new HeredocBody(HostScripts.nodeIp(plan)));
        ctx.put("k3sConfig", new HeredocBody(K3sConfig.forRole(plan, role).yaml()));
        ctx.put("joinConfig", new HeredocBody(joinConfig(host, first, embeddedEtcd)));
        ctx.put("vpnExtraArgs", vpnExtraArgs(tailscale));
        ctx.put("k3sService", role.serviceName());
        return SCRIPT.render(ctx, HostScriptEscaper.INSTANCE);
    }

    private static String joinConfig(Host host, Host first, boolean embeddedEtcd) {
        boolean isFirst = host == first;
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("nodeName", host.name());
        ctx.put("clusterInit", isFirst && embeddedEtcd);
        ctx.put("joining", !isFirst);
        ctx.put("server", serverUrl(first));
        ctx.put("manager", host.isManager());
        ctx.put("tlsSan", List.of(host.address(), host.name()));
        return JOIN.render(ctx, YamlEscaper.plain());
    }

    /** The part of k3s's vpn-auth after the join key; extraArgs must come last, its flags space-separated. */
    static String vpnExtraArgs(Network.Tailscale tailscale) {
        if (!tailscale.isEnabled()) return "";
        List<String> args = new ArrayList<>();
        if (tailscale.sshEnabled()) args.add("--ssh");
        if (tailscale.tag() != null && !tailscale.tag().isBlank()) args.add("--advertise-tags=" + tailscale.tag());
        return args.isEmpty() ? "" : ",extraArgs=" + String.join(" ", args);
    }

    private static String inventory(ClusterPlan plan, List<Host> hosts, Host first) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Host h : hosts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", h.name());
            row.put("address", h.address());
            row.put("role", h.role());
            row.put("k3s", h.isManager() ? K3sRole.SERVER.command() : K3sRole.AGENT.command());
            row.put("sshUser", h.sshUser() == null ? "root" : h.sshUser());
            row.put("sshPort", h.sshPort() == null ? 22 : h.sshPort());
            row.put("script", "existing/" + h.name() + ".sh");
            rows.add(row);
        }
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("cluster", plan.name());
        ctx.put("firstManager", first.name());
        ctx.put("server", serverUrl(first));
        ctx.put("sshPortAfterInstall", HostScripts.sshPortOf(plan));
        ctx.put("tailscale", plan.spec().network().tailscale().isEnabled());
        ctx.put("hosts", rows);
        return INVENTORY.render(ctx, YamlEscaper.plain());
    }
}
