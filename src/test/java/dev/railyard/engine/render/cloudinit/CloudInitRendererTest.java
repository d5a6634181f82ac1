package dev.railyard.engine.render.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.k3s.K3sConfig;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudInitRendererTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("[$%]\\{[^}]*}");
    private static final String TERRAFORM_DROP_IN = "/etc/rancher/k3s/config.yaml.d/50-terraform.yaml";
    private static final String AUTOSCALER_PATH = "/var/lib/rancher/k3s/server/manifests/railyard-cluster-autoscaler.yaml";

    @TempDir
    Path dir;

    /** A bundled example; "NAME+upload" is that example with an uploaded certificate instead of cert-manager. */
    static ClusterPlan example(String name) {
        if (!name.endsWith("+upload")) return Examples.load(new PlanFormat(), name);
        return CloudInitTestPlans.withUploadTls(Examples.load(new PlanFormat(), name.substring(0, name.length() - "+upload".length())));
    }

    static Map<String, String> render(ClusterPlan plan) {
        return new CloudInitRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled())).stream()
                .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
    }

    static JsonNode parse(String text) throws IOException {
        return YAML.readTree(text);
    }

    static JsonNode writeFile(JsonNode doc, String path) {
        for (JsonNode f : doc.get("write_files")) {
            if (f.get("path").asText().equals(path)) return f;
        }
        return null;
    }

    static JsonNode k3sConfig(JsonNode doc) throws IOException {
        return parse(writeFile(doc, "/etc/rancher/k3s/config.yaml").get("content").asText());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        // runcmd entries are one-element lists (run without a shell): compare their command
        if (array != null) array.forEach(n -> out.add(n.isArray() && n.size() == 1 ? n.get(0).asText() : n.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder"})
    void everyCloudExampleRendersCloudInitThatDebiansSchemaCheckAccepts(String name) throws IOException {
        Map<String, String> files = render(example(name));
        assertThat(files).containsOnlyKeys("cloud-init/manager.yaml", "cloud-init/node.yaml");
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey().replace('/', '_'));
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            ExternalTools.Result r = ExternalTools.cloudInitSchema(file);
            assertThat(r.exitCode()).as(e.getKey() + ": " + r.both()).isZero();
            assertThat(r.both()).as(e.getKey()).doesNotContain("Invalid");
            assertThat(e.getValue()).startsWith("#cloud-config\n");
            assertThat(e.getValue().getBytes(StandardCharsets.UTF_8).length).as(e.getKey() + " size")
                    .isLessThan(CloudInitRenderer.USER_DATA_LIMIT_BYTES);
            assertThat(parse(e.getValue()).fieldNames()).toIterable().containsExactly("bootcmd", "ssh_deletekeys", "ssh_genkeytypes",
                    "ssh_keys", "package_update", "package_upgrade", "packages", "write_files", "runcmd");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder",
            "hetzner-small+upload", "hetzner-large-autoscale+upload"})
    void cloudInitAsTerraformFillsItInPassesTheSchemaCheckAndInstallsExactlyTheGeneratedHostKey(String name) throws IOException {
        HostKeys key = HostKeys.generateEd25519(name + "-manager-1");
        for (Map.Entry<String, String> e : render(example(name)).entrySet()) {
            String filled = asTerraformFillsIn(e.getValue(), Map.of(
                    "k3s_config", "token: sample\n", "autoscaler_manifest", "apiVersion: v1\nkind: List\nitems: []\n",
                    "host_key_private", key.privateKeyPem(), "host_key_public", key.publicKeyLine()));
            Path file = dir.resolve("filled_" + e.getKey().replace('/', '_'));
            Files.writeString(file, filled, StandardCharsets.UTF_8);

            ExternalTools.Result r = ExternalTools.cloudInitSchema(file);

            assertThat(r.exitCode()).as(e.getKey() + ": " + r.both()).isZero();
            assertThat(r.both()).as(e.getKey()).doesNotContain("Invalid");
            JsonNode doc = parse(filled);
            assertThat(doc.get("ssh_deletekeys").asBoolean()).isTrue();
            // with ssh_keys set cloud-init generates no key at all; the list only matters without it
            assertThat(texts(doc.get("ssh_genkeytypes"))).containsExactly("ed25519");
            assertThat(doc.get("ssh_keys").fieldNames()).toIterable().containsExactly("ed25519_private", "ed25519_public");
            assertThat(doc.get("ssh_keys").get("ed25519_private").asText()).isEqualTo(key.privateKeyPem());
            assertThat(doc.get("ssh_keys").get("ed25519_public").asText()).isEqualTo(key.publicKeyLine());
        }
    }

    /** What templatefile() does with the contract's placeholders: jsonencode() a string, base64encode() or base64gzip() it. */
    private static String asTerraformFillsIn(String template, Map<String, String> values) throws IOException {
        String text = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            String value = v.getValue();
            text = text.replace("${jsonencode(" + v.getKey() + ")}", new ObjectMapper().writeValueAsString(value))
                    .replace("${base64encode(" + v.getKey() + ")}", java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                    .replace("${base64gzip(" + v.getKey() + ")}", base64gzip(value));
        }
        assertThat(text).doesNotContain("${").doesNotContain("%{");
        return text;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder"})
    void embeddedScriptsPassBashSyntaxAndShellcheck(String name) throws IOException {
        for (String text : render(example(name)).values()) {
            JsonNode doc = parse(text);
            List<String> scripts = new ArrayList<>();
            for (JsonNode command : doc.get("bootcmd")) if (command.isArray()) scripts.add(command.get(2).asText());
            for (JsonNode f : doc.get("write_files")) {
                if (f.get("path").asText().endsWith(".sh")) scripts.add(f.get("content").asText());
            }
            assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
            for (String script : scripts) {
                Path file = Files.writeString(Files.createTempFile(dir, "script", ".sh"), script);
                ExternalTools.Result syntax = ExternalTools.bashSyntax(file);
                assertThat(syntax.exitCode()).as(syntax.both() + "\n" + script).isZero();
                ExternalTools.Result check = ExternalTools.shellcheck(file);
                assertThat(check.exitCode()).as(check.both()).isZero();
                assertThat(script).startsWith("#!/bin/bash\n").contains("set -euo pipefail");
            }
        }
    }

    /**
     * cloud-init runs bootcmd as one sh script without -e, so only the last line's status counted: a failed
     * sshd move was hidden by the metadata guard after it (issue 11, finding 2). Now the first line is
     * {@code set -e}, the guard runs first (it must hold even when the move fails) and the move second.
     */
    @Test
    void bootcmdStopsAtTheFirstFailedStepAfterGuardingTheMetadataServiceAndThenMovesSshd() throws IOException {
        ClusterPlan plan = example("hetzner-small");
        ClusterPlan moved = plan.withSpec(plan.spec().withNetwork(withSshPort(plan.spec().network(), 4022)));
        for (String text : render(moved).values()) {
            JsonNode bootcmd = parse(text).get("bootcmd");
            assertThat(bootcmd).hasSize(3);
            assertThat(bootcmd.get(0).asText()).isEqualTo("set -e");
            assertThat(texts(bootcmd.get(1))).containsExactly("bash", "-c", dev.railyard.engine.render.k3s.HostScripts.metadataGuard(moved), "railyard-metadata-guard");
            assertThat(texts(bootcmd.get(2))).containsExactly("bash", "-c", dev.railyard.engine.render.k3s.HostScripts.sshPort(moved, null), "railyard-ssh-port");
            String script = bootcmd.get(2).get(2).asText();
            assertThat(script).contains("\nNEW_PORT=4022\n", "\nCURRENT_PORT=''\n", "/etc/ssh/sshd_config.d/", "ssh.socket",
                    "sshd -t", "daemon-reload", "--no-block");
            assertThat(text).doesNotContain("NEW_PORT=2244");
        }
    }

    /**
     * sshd -t refuses to run without a host key ("no hostkeys available"), and at bootcmd time a cloud image has
     * none yet: cloud-init's ssh module writes them later in the same stage (issue 11, finding 2). The check
     * therefore uses a throw-away key when the host has none. CloudManagerBootTest boots it on a keyless image.
     */
    @Test
    void sshPortScriptChecksTheConfigurationWithAThrowAwayKeyWhileTheHostHasNoKeysYet() {
        String script = dev.railyard.engine.render.k3s.HostScripts.sshPort(example("hetzner-small"), null);
        assertThat(script).contains("if compgen -G '/etc/ssh/ssh_host_*_key' >/dev/null; then\n    sshd -t\n",
                "ssh-keygen -q -t ed25519 -N '' -f \"$dir/key\"\n  sshd -t -h \"$dir/key\"");
    }

    /**
     * Ubuntu 24.04's ssh.socket lists 0.0.0.0:22 and [::]:22 apart under BindIPv6Only=ipv6-only, so a drop-in
     * naming a bare port listened on IPv6 only and no IPv4 client reached sshd after the move. The drop-in asks
     * for one dual-stack socket. CloudNodeBootTest boots it on a guest with Ubuntu's ssh.socket and connects
     * over IPv4.
     */
    @Test
    void sshSocketDropInTakesIpv4TooBecauseUbuntu2404SshSocketIsIpv6Only() {
        String script = dev.railyard.engine.render.k3s.HostScripts.sshPort(example("hetzner-small"), null);
        assertThat(script).contains("printf '[Socket]\\nListenStream=\\nBindIPv6Only=both\\n'; printf 'ListenStream=%s\\n' \"$@\"");
    }

    /**
     * cloud-init runs runcmd as one sh script without -e: when node-ip.sh failed, k3s installed anyway and flannel
     * took the public interface (issue 11, finding 10). {@code set -e} first stops at the failed step, and the
     * script's status makes cloud-init status report it. FailedStepBootTest boots a failing step.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small"})
    void runcmdStopsAtTheFirstFailedStepSoK3sNeverInstallsOnAHalfPreparedHost(String name) throws IOException {
        for (String text : render(example(name)).values()) {
            List<String> runcmd = texts(parse(text).get("runcmd"));
            assertThat(runcmd.get(0)).isEqualTo("set -e");
            assertThat(runcmd).last().isEqualTo("/usr/local/lib/railyard/install-k3s.sh");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder"})
    void installsThePinnedK3sAsServerOnManagersAndAgentOnNodes(String name) throws IOException {
        ClusterPlan plan = example(name);
        Map<String, String> files = render(plan);
        String manager = installScript(parse(files.get("cloud-init/manager.yaml")));
        String node = installScript(parse(files.get("cloud-init/node.yaml")));
        String version = plan.spec().k3s().version();
        assertThat(manager).contains("K3S_VERSION=" + version + "\n", "K3S_COMMAND=server\n", "SERVICE=k3s\n",
                "INSTALL_K3S_VERSION=\"$K3S_VERSION\" INSTALL_K3S_EXEC=\"$K3S_COMMAND\"", "--for=condition=Ready");
        assertThat(node).contains("K3S_VERSION=" + version + "\n", "K3S_COMMAND=agent\n", "SERVICE=k3s-agent\n");
        for (String text : files.values()) {
            assertThat(texts(parse(text).get("runcmd"))).last().isEqualTo("/usr/local/lib/railyard/install-k3s.sh");
        }
    }

    private static String installScript(JsonNode doc) {
        return writeFile(doc, "/usr/local/lib/railyard/install-k3s.sh").get("content").asText();
    }

    @Test
    void smallManagerCarriesGitpodLabelsAndNoTaint() throws IOException {
        Map<String, String> files = render(example("hetzner-small"));
        JsonNode manager = k3sConfig(parse(files.get("cloud-init/manager.yaml")));
        assertThat(texts(manager.get("node-label"))).containsExactlyElementsOf(K3sConfig.GITPOD_NODE_LABELS);
        assertThat(manager.has("node-taint")).isFalse();
        assertThat(texts(manager.get("disable"))).containsExactly("traefik");
        assertThat(manager.get("write-kubeconfig-mode").asText()).isEqualTo("0600");
        assertThat(manager.get("cluster-cidr").asText()).isEqualTo("10.42.0.0/16");
        assertThat(manager.get("service-cidr").asText()).isEqualTo("10.43.0.0/16");
        assertThat(manager.get("cluster-dns").asText()).isEqualTo("10.43.0.10");
        assertThat(manager.get("flannel-backend").asText()).isEqualTo("vxlan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-medium", "hetzner-large-autoscale"})
    void mediumAndLargeManagersAreTaintedAndUnlabelledWhileNodesCarryAllFiveLabels(String name) throws IOException {
        Map<String, String> files = render(example(name));
        JsonNode manager = k3sConfig(parse(files.get("cloud-init/manager.yaml")));
        assertThat(texts(manager.get("node-taint"))).containsExactly("node-role.kubernetes.io/control-plane=true:NoSchedule");
        assertThat(manager.has("node-label")).isFalse();
        JsonNode node = k3sConfig(parse(files.get("cloud-init/node.yaml")));
        assertThat(texts(node.get("node-label"))).containsExactly(
                "gitpod.io/workload_meta=true", "gitpod.io/workload_ide=true", "gitpod.io/workload_workspace_services=true",
                "gitpod.io/workload_workspace_regular=true", "gitpod.io/workload_workspace_headless=true");
        assertThat(node.has("node-taint")).isFalse();
        // server-only flags never reach an agent's config
        assertThat(node.fieldNames()).toIterable().containsExactly("node-label");
    }

    @Test
    void nonDefaultServiceCidrMovesClusterDnsToItsTenthAddress() throws IOException {
        ClusterPlan plan = example("hetzner-small");
        Network n = plan.spec().network();
        ClusterPlan custom = plan.withSpec(plan.spec().withNetwork(
                new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), "10.52.0.0/16", "10.96.0.0/12", n.tailscale())));
        JsonNode manager = k3sConfig(parse(render(custom).get("cloud-init/manager.yaml")));
        assertThat(manager.get("cluster-dns").asText()).isEqualTo("10.96.0.10");
        assertThat(manager.get("cluster-cidr").asText()).isEqualTo("10.52.0.0/16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder"})
    void terraformPlaceholdersAreExactlyTheContractOnes(String name) throws IOException {
        ClusterPlan plan = example(name);
        Map<String, String> files = render(plan);
        List<String> hostKey = List.of("${jsonencode(host_key_private)}", "${jsonencode(host_key_public)}");
        List<String> expectedManager = new ArrayList<>(hostKey);
        expectedManager.add("${base64encode(k3s_config)}");
        if (plan.spec().size().isLarge()) expectedManager.add("${base64gzip(autoscaler_manifest)}");
        assertThat(placeholders(files.get("cloud-init/manager.yaml"))).containsExactlyElementsOf(expectedManager);
        assertThat(placeholders(files.get("cloud-init/node.yaml"))).containsExactly(hostKey.get(0), hostKey.get(1), "${base64encode(k3s_config)}");
        for (String text : files.values()) {
            JsonNode sshKeys = parse(text).get("ssh_keys");
            assertThat(sshKeys.get("ed25519_private").asText()).isEqualTo("${jsonencode(host_key_private)}");
            assertThat(sshKeys.get("ed25519_public").asText()).isEqualTo("${jsonencode(host_key_public)}");
            assertThat(text).doesNotContain("BEGIN OPENSSH PRIVATE KEY").doesNotContain("ssh-ed25519 AAAA");
            assertThat(text).doesNotContain("$${", "%%{");
            JsonNode dropIn = writeFile(parse(text), TERRAFORM_DROP_IN);
            assertThat(dropIn.get("encoding").asText()).isEqualTo("b64");
            assertThat(dropIn.get("permissions").asText()).isEqualTo("0600");
            assertThat(dropIn.get("content").asText()).isEqualTo("${base64encode(k3s_config)}");
        }
        JsonNode autoscaler = writeFile(parse(files.get("cloud-init/manager.yaml")), AUTOSCALER_PATH);
        if (plan.spec().size().isLarge()) {
            assertThat(autoscaler.get("encoding").asText()).isEqualTo("gz+b64");
            assertThat(autoscaler.get("permissions").asText()).isEqualTo("0600");
            assertThat(autoscaler.get("content").asText()).isEqualTo("${base64gzip(autoscaler_manifest)}");
        } else {
            assertThat(autoscaler).isNull();
        }
        assertThat(writeFile(parse(files.get("cloud-init/node.yaml")), AUTOSCALER_PATH)).isNull();
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) found.add(m.group());
        return found;
    }

    @Test
    void shiftfsIsBuiltOnlyWhereWorkspacesRunNeverOnTaintedManagers() throws IOException {
        ClusterPlan shiftfs = example("hetzner-medium");
        String nodeScript = writeFile(parse(render(shiftfs).get("cloud-init/node.yaml")), "/usr/local/lib/railyard/kernel-modules.sh")
                .get("content").asText();
        assertThat(nodeScript).contains("modprobe shiftfs", "/etc/modules-load.d/railyard-shiftfs.conf",
                "make -C \"$source\" -f Makefile.dkms", "7faa10f934385d2ed284dc30883f2d77290d803a");
        // medium's managers are tainted: no workspace ever runs there, so nothing is built or loaded
        String managerScript = writeFile(parse(render(shiftfs).get("cloud-init/manager.yaml")), "/usr/local/lib/railyard/kernel-modules.sh")
                .get("content").asText();
        assertThat(managerScript).doesNotContain("modprobe", "dkms", "git clone", "apparmor_restrict").contains("no Gitpod workspaces run on this host");
        // small's only manager runs workspaces, so it gets the module like a node
        for (String text : render(example("hetzner-small")).values()) {
            String script = writeFile(parse(text), "/usr/local/lib/railyard/kernel-modules.sh").get("content").asText();
            assertThat(script).contains("modprobe shiftfs");
        }
        Gitpod g = shiftfs.spec().gitpod();
        ClusterPlan fuse = shiftfs.withSpec(shiftfs.spec().withGitpod(new Gitpod(g.domain(), g.blockNewUsers(), g.tls(),
                g.database(), g.registry(), g.storage(), new Gitpod.Workspace("fuse"), g.installerImage())));
        assertThat(render(fuse).get("cloud-init/node.yaml")).doesNotContainIgnoringCase("shiftfs").contains("modprobe fuse");
        assertThat(render(fuse).get("cloud-init/manager.yaml")).doesNotContain("modprobe");
    }

    @Test
    void uploadedCertificatePlansWriteK3sRegistriesYamlOnWorkspaceHostsOnly() {
        for (String name : List.of("hetzner-small", "hetzner-large-autoscale")) {
            Map<String, String> certManager = render(example(name));
            assertThat(certManager.values()).as(name).allSatisfy(t -> assertThat(t).doesNotContain("registries.yaml"));
            Map<String, String> upload = render(example(name + "+upload"));
            assertThat(upload.get("cloud-init/node.yaml")).as(name).contains("/etc/rancher/k3s/registries.yaml")
                    .contains(dev.railyard.engine.render.k3s.HostScripts.REGISTRY_CA_FILE)
                    // k3s writes containerd's hosts.toml from registries.yaml only when it starts: the file comes first
                    .containsSubsequence("runcmd:", "/usr/local/lib/railyard/kernel-modules.sh]", "/usr/local/lib/railyard/install-k3s.sh]");
            // small: the manager runs workspaces; large: its managers are tainted and run none
            assertThat(upload.get("cloud-init/manager.yaml").contains("registries.yaml")).as(name).isEqualTo(name.equals("hetzner-small"));
        }
    }

    @Test
    void tailscaleIsInstalledOnlyWhenEnabledAndThenReplacesTheNodeIpScript() throws IOException {
        ClusterPlan plan = example("hetzner-small");
        for (Map.Entry<String, String> file : render(plan).entrySet()) {
            String text = file.getValue();
            assertThat(text).doesNotContainIgnoringCase("tailscale");
            JsonNode doc = parse(text);
            assertThat(texts(doc.get("runcmd"))).containsExactlyElementsOf(runcmd(file.getKey(), "/usr/local/lib/railyard/node-ip.sh"));
            String nodeIp = writeFile(doc, "/usr/local/lib/railyard/node-ip.sh").get("content").asText();
            assertThat(nodeIp).contains("PRIVATE_CIDR=10.0.0.0/16\n", "/etc/rancher/k3s/config.yaml.d/40-node-ip.yaml",
                    "node-ip:", "flannel-iface:");
        }
        Network n = plan.spec().network();
        ClusterPlan withTailscale = plan.withSpec(plan.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(),
                n.privateCidr(), n.podCidr(), n.serviceCidr(),
                new Network.Tailscale(true, "tag:gitpod-nodes", "group:admins", true, "keychain:ts"))));
        for (Map.Entry<String, String> file : render(withTailscale).entrySet()) {
            JsonNode doc = parse(file.getValue());
            assertThat(texts(doc.get("runcmd"))).containsExactlyElementsOf(runcmd(file.getKey(), "/usr/local/lib/railyard/tailscale.sh"));
            assertThat(writeFile(doc, "/usr/local/lib/railyard/node-ip.sh")).isNull();
            assertThat(writeFile(doc, "/usr/local/lib/railyard/tailscale.sh").get("content").asText())
                    .contains("https://tailscale.com/install.sh", "systemctl enable --now tailscaled");
        }
    }

    @Test
    void installsOnlyThePackagesItNeeds() throws IOException {
        for (String text : render(example("azure-small")).values()) {
            JsonNode doc = parse(text);
            assertThat(texts(doc.get("packages"))).containsExactly("curl", "ca-certificates");
            assertThat(doc.get("package_update").asBoolean()).isTrue();
            assertThat(doc.get("package_upgrade").asBoolean()).isFalse();
        }
    }

    @Test
    void writesTheBaseK3sConfigReadableByRootOnly() throws IOException {
        for (String text : render(example("hetzner-medium")).values()) {
            JsonNode base = writeFile(parse(text), "/etc/rancher/k3s/config.yaml");
            assertThat(base.get("permissions").asText()).isEqualTo("0600");
            assertThat(base.has("encoding")).isFalse();
        }
    }

    @Test
    void rendersNothingForExistingHosts() {
        assertThat(render(example("existing-raspberry-pi-tailscale"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hetzner-small", "hetzner-medium", "hetzner-large-autoscale", "azure-small", "hetzner-small-coder"})
    void rendersTheSameBytesTwice(String name) {
        ClusterPlan plan = example(name);
        assertThat(render(plan)).isEqualTo(render(plan));
        assertThat(render(example(name))).isEqualTo(render(plan));
    }

    static Network withSshPort(Network n, int port) {
        return new Network(port, n.adminCidrs(), n.privateCidr(), n.podCidr(), n.serviceCidr(), n.tailscale());
    }

    /** Terraform's base64gzip(): gzip, then base64. */
    static String base64gzip(String value) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
                gz.write(value.getBytes(StandardCharsets.UTF_8));
            }
            return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The commands runcmd runs, in order: the network script, the provider-id (nodes only: the autoscaler never removes a manager), modules, k3s. */
    private static List<String> runcmd(String file, String networkScript) {
        List<String> commands = new ArrayList<>(List.of("set -e", networkScript));
        if (file.endsWith("node.yaml")) commands.add("/usr/local/lib/railyard/provider-id.sh");
        commands.addAll(List.of("/usr/local/lib/railyard/kernel-modules.sh", "/usr/local/lib/railyard/install-k3s.sh"));
        return commands;
    }
}
