package dev.railyard.engine.render.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the node-ip script for real, with a stand-in `ip` that prints what a Hetzner server shows. */
class HostScriptsTest {

    private static final String HETZNER_ADDRESSES = String.join("\n",
            "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
            "2: eth0    inet 49.12.1.2/32 metric 100 scope global dynamic eth0\\       valid_lft 85000sec preferred_lft 85000sec",
            "3: enp7s0    inet 10.0.0.3/32 brd 10.0.0.3 scope global dynamic enp7s0\\       valid_lft 85000sec preferred_lft 85000sec",
            "");

    @TempDir
    Path dir;

    @Test
    void nodeIpScriptPicksTheInterfaceInsideThePrivateCidr() throws IOException {
        Path output = dir.resolve("40-node-ip.yaml");
        ExternalTools.Result r = runNodeIp(HETZNER_ADDRESSES, output);
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Files.readString(output)).isEqualTo("node-ip: \"10.0.0.3\"\nflannel-iface: \"enp7s0\"\n");
        assertThat(Files.getPosixFilePermissions(output)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void nodeIpScriptFailsWithTheCidrWhenNoInterfaceIsInside() throws IOException {
        Path output = dir.resolve("40-node-ip.yaml");
        ExternalTools.Result r = runNodeIp("1: lo    inet 127.0.0.1/8 scope host lo\n", output);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("no interface has an address inside 10.0.0.0/16");
        assertThat(output).doesNotExist();
    }

    @Test
    void ubuntu24AppArmorRestrictUnprivilegedUsernsAndUnconfinedAreSetToZeroWhereTheKernelHasThem() throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc-sys-kernel"));
        Files.writeString(proc.resolve("apparmor_restrict_unprivileged_userns"), "1\n");
        Files.writeString(proc.resolve("apparmor_restrict_unprivileged_unconfined"), "1\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        stub(bin.resolve("sysctl"), "echo \"sysctl $*\" >> '" + dir.resolve("sysctl.calls") + "'");
        Path conf = dir.resolve("60-railyard-gitpod-userns.conf");
        Path script = Files.writeString(dir.resolve("userns.sh"), "#!/bin/bash\nset -euo pipefail\nlog() { echo \"$*\" >&2; }\n"
                + HostScripts.usernsSysctl());

        ExternalTools.Result r = ExternalTools.run(List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin", "/bin/bash", script.toString(),
                conf.toString(), proc.toString()), 30);

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Files.readString(conf)).isEqualTo("kernel.apparmor_restrict_unprivileged_userns = 0\n"
                + "kernel.apparmor_restrict_unprivileged_unconfined = 0\n");
        assertThat(Files.readString(dir.resolve("sysctl.calls"))).isEqualTo("sysctl -q -p " + conf + "\n");
        assertThat(HostScripts.kernelModules(Examples.load(new PlanFormat(), "hetzner-small"), K3sRole.AGENT)).contains(HostScripts.usernsSysctl())
                .contains("Ubuntu 24.04");
    }

    @Test
    void k3sRegistriesYamlConfigsRegistryHostTlsCaFileTrustsTheUploadedCertificatesCaForRegistryFacade() throws Exception {
        ClusterPlan plan = dev.railyard.engine.render.cloudinit.CloudInitTestPlans.withUploadTls(Examples.load(new PlanFormat(), "hetzner-small"));
        Path registries = dir.resolve("k3s/registries.yaml");
        Path script = registryCaScript(plan);
        ExternalTools.Result check = ExternalTools.shellcheck(script);
        assertThat(check.exitCode()).as(check.both()).isZero();

        // cloud-init's first boot: k3s does not run yet, so it reads the file when it first starts
        ExternalTools.Result r = runRegistryCa(script, registries, false);

        assertThat(r.exitCode()).as(r.both()).isZero();
        // the CA itself arrives after the install: the script says from where
        assertThat(r.stderr()).contains(HostScripts.REGISTRY_CA_FILE + " arrives once Gitpod is installed (DaemonSet gitpod/railyard-registry-ca)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(registries))).isEqualTo("rw-------");
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(registries.toFile());
        String host = "reg." + plan.spec().gitpod().domain() + ":20000";
        assertThat(yaml.path("configs").size()).isEqualTo(1);
        assertThat(yaml.path("configs").path(host).path("tls").path("ca_file").asText()).isEqualTo(HostScripts.REGISTRY_CA_FILE);
        assertThat(yaml.has("mirrors")).isFalse();
        assertThat(Files.readString(registries)).isEqualTo(HostScripts.registriesYaml(plan));
        // a cloud server's k3s starts after this script and its user data never changes: no restart logic at all
        assertThat(dir.resolve("systemctl.calls")).doesNotExist();
        assertThat(HostScripts.registryCa(plan, K3sRole.AGENT)).doesNotContain("systemctl");
    }

    @Test
    void k3sWritesHostsTomlOnlyAtStartSoARunningK3sWithoutTheCaFileIsRestartedOnceAndThenLeftAlone() throws Exception {
        ClusterPlan plan = dev.railyard.engine.render.cloudinit.CloudInitTestPlans.withUploadTls(
                Examples.load(new PlanFormat(), "existing-raspberry-pi-tailscale"));
        Path registries = dir.resolve("k3s/registries.yaml");
        Path script = registryCaScript(plan);

        // an existing host whose k3s-agent started before the plan had an uploaded certificate
        ExternalTools.Result first = runRegistryCa(script, registries, true);

        assertThat(first.exitCode()).as(first.both()).isZero();
        assertThat(first.stderr()).contains("restarting k3s-agent: it started before " + registries + " named " + HostScripts.REGISTRY_CA_FILE);
        assertThat(Files.readString(dir.resolve("systemctl.calls"))).contains("systemctl restart k3s-agent");

        // after the restart k3s wrote hosts.toml naming the CA file (templates.go HostsTomlTemplate: ca = ["<ca_file>"])
        Path hostsToml = dir.resolve("certs.d/reg." + plan.spec().gitpod().domain() + ":20000/hosts.toml");
        Files.createDirectories(hostsToml.getParent());
        Files.writeString(hostsToml, "# File generated by k3s. DO NOT EDIT.\n[host.\"https://reg." + plan.spec().gitpod().domain()
                + ":20000/v2\"]\n  capabilities = [\"pull\", \"resolve\"]\n  ca = [\"" + HostScripts.REGISTRY_CA_FILE + "\"]\n");
        Files.delete(dir.resolve("systemctl.calls"));
        ExternalTools.Result again = runRegistryCa(script, registries, true);

        assertThat(again.exitCode()).as(again.both()).isZero();
        assertThat(again.stderr()).contains(registries + " unchanged").contains("k3s-agent already trusts " + HostScripts.REGISTRY_CA_FILE);
        assertThat(Files.readString(dir.resolve("systemctl.calls"))).doesNotContain("restart");
    }

    private Path registryCaScript(ClusterPlan plan) throws IOException {
        return Files.writeString(dir.resolve("registry-ca.sh"), "#!/bin/bash\nset -euo pipefail\nlog() { echo \"$*\" >&2; }\n"
                + HostScripts.registryCa(plan, K3sRole.AGENT));
    }

    /** With a stand-in systemctl that reports k3s running or not and records its calls. */
    private ExternalTools.Result runRegistryCa(Path script, Path registries, boolean k3sRuns) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        stub(bin.resolve("systemctl"), "echo \"systemctl $*\" >> '" + dir.resolve("systemctl.calls") + "'\n"
                + "if [ \"$1\" = is-active ]; then exit " + (k3sRuns ? 0 : 3) + "; fi");
        return ExternalTools.run(List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin", "RAILYARD_REGISTRIES_FILE=" + registries,
                "RAILYARD_K3S_CERTS_D=" + dir.resolve("certs.d"), "/bin/bash", script.toString()), 30);
    }

    @Test
    void aKernelWithoutTheAppArmorKnobsGetsNoSysctlFile() throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc-sys-kernel"));
        Path conf = dir.resolve("60-railyard-gitpod-userns.conf");
        Path script = Files.writeString(dir.resolve("userns.sh"), "#!/bin/bash\nset -euo pipefail\nlog() { echo \"$*\" >&2; }\n"
                + HostScripts.usernsSysctl());
        ExternalTools.Result r = ExternalTools.run(List.of("env", "-i", "PATH=/usr/bin:/bin", "/bin/bash", script.toString(),
                conf.toString(), proc.toString()), 30);
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(conf).doesNotExist();
        assertThat(dir.resolve("60-railyard-gitpod-userns.conf.new")).doesNotExist();
    }

    private ExternalTools.Result runNodeIp(String ipOutput, Path output) throws IOException {
        ClusterPlan plan = Examples.load(new PlanFormat(), "hetzner-small");
        Path script = Files.writeString(dir.resolve("node-ip.sh"), HostScripts.nodeIp(plan));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("ip-output"), ipOutput);
        stub(bin.resolve("ip"), "cat '" + dir.resolve("ip-output") + "'");
        stub(bin.resolve("sleep"), "true");
        // three attempts instead of three minutes
        stub(bin.resolve("seq"), "printf '1\\n2\\n3\\n'");
        // install -d on the output's folder is real; the folder is the temp dir
        return ExternalTools.run(List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin", "/bin/bash", script.toString(),
                output.toString()), 60);
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    /** A stand-in iptables (the real one needs root and a kernel): keeps the raw PREROUTING rules in a file. */
    private Path standInIptables() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("iptables-bin"));
        Path iptables = bin.resolve("iptables");
        Files.writeString(iptables, """
                #!/bin/bash
                # args: -t raw -C|-I PREROUTING [1] MATCH... -j DROP
                rules="$(dirname "$0")/rules"
                touch "$rules"
                op=$3; shift 4
                if [ "$op" = -I ]; then shift; fi
                rule="$*"
                case "$op" in
                  -C) grep -qxF -- "$rule" "$rules" ;;
                  -I) printf '%s\\n' "$rule" >> "$rules" ;;
                  *) exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(iptables, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private ExternalTools.Result runGuard(ClusterPlan plan, Path bin) throws IOException {
        Path script = Files.writeString(dir.resolve("guard.sh"), HostScripts.metadataGuard(plan));
        return ExternalTools.run(List.of("env", "PATH=" + (bin == null ? "" : bin + ":") + "/usr/bin:/bin", "bash", script.toString()), 20);
    }

    @Test
    void metadataGuardDropsForwardedPacketsToTheMetadataServiceOnceEvenWhenRunAtEveryBoot() throws IOException {
        Path bin = standInIptables();
        ClusterPlan hetzner = Examples.load(new PlanFormat(), "hetzner-small");
        ExternalTools.Result first = runGuard(hetzner, bin);
        ExternalTools.Result second = runGuard(hetzner, bin);

        assertThat(first.exitCode()).as(first.both()).isZero();
        assertThat(second.exitCode()).as(second.both()).isZero();
        assertThat(Files.readAllLines(bin.resolve("rules"))).containsExactly("-d 169.254.169.254/32 -j DROP");
        assertThat(first.stderr()).contains("dropping forwarded packets: -d 169.254.169.254/32");
        assertThat(second.stderr()).as("nothing added at the second boot").isEmpty();
    }

    @Test
    void onAzureTheWireServersAgentPortsAreClosedButItsDnsIsNot() throws IOException {
        Path bin = standInIptables();
        ExternalTools.Result r = runGuard(Examples.load(new PlanFormat(), "azure-small"), bin);
        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Files.readAllLines(bin.resolve("rules"))).containsExactly("-d 169.254.169.254/32 -j DROP",
                "-d 168.63.129.16/32 -p tcp --dport 80 -j DROP", "-d 168.63.129.16/32 -p tcp --dport 32526 -j DROP");
    }

    @Test
    void metadataGuardFailsLoudlyWithoutIptables() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-iptables"));
        Path script = Files.writeString(dir.resolve("guard.sh"), HostScripts.metadataGuard(Examples.load(new PlanFormat(), "hetzner-small")));
        // bash and coreutils from /usr/bin and /bin; Debian keeps iptables in /usr/sbin, which is left out
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isExecutable(Path.of("/usr/bin/iptables")) || Files.isExecutable(Path.of("/bin/iptables")),
                "this machine has iptables in /usr/bin");
        ExternalTools.Result r = ExternalTools.run(List.of("env", "PATH=" + empty + ":/usr/bin:/bin", "bash", script.toString()), 20);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("iptables is missing").contains("user data");
    }

    /** A stand-in curl answering like a cloud's metadata service (the real one exists only on a cloud server). */
    private Path standInCurl(String answer, int exit) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("curl-bin"));
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/bash\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\nprintf '%s' '" + answer + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private ExternalTools.Result runProviderId(String example, Path bin, Path output) throws IOException {
        Path script = Files.writeString(dir.resolve("provider-id.sh"), HostScripts.providerId(Examples.load(new PlanFormat(), example)));
        return ExternalTools.run(List.of("env", "PATH=" + bin + ":/usr/bin:/bin", "bash", script.toString(), output.toString()), 20);
    }

    @Test
    void providerIdTellsTheKubeletItsHetznerServerIdFromTheMetadataService() throws IOException {
        Path bin = standInCurl("4711815", 0);
        Path out = dir.resolve("conf.d/45-provider-id.yaml");
        ExternalTools.Result r = runProviderId("hetzner-large-autoscale", bin, out);

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Files.readString(out)).isEqualTo("kubelet-arg+:\n  - \"provider-id=hcloud://4711815\"\n");
        assertThat(Files.readString(bin.resolve("calls"))).contains("http://169.254.169.254/hetzner/v1/metadata/instance-id");
    }

    @Test
    void providerIdOnAzureIsTheVmsResourceId() throws IOException {
        String id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/nodes/virtualMachines/3";
        Path bin = standInCurl(id, 0);
        Path out = dir.resolve("45-provider-id.yaml");
        ExternalTools.Result r = runProviderId("azure-small", bin, out);

        assertThat(r.exitCode()).as(r.both()).isZero();
        assertThat(Files.readString(out)).contains("provider-id=azure://" + id);
        assertThat(Files.readString(bin.resolve("calls"))).contains("-H Metadata:true").contains("compute/resourceId");
    }

    @Test
    void withoutAnAnswerTheNodeStillJoinsAndTheWarningSaysWhatIsLost() throws IOException {
        Path out = dir.resolve("45-provider-id.yaml");
        ExternalTools.Result silent = runProviderId("hetzner-small", standInCurl("", 7), out);
        assertThat(silent.exitCode()).isZero();
        assertThat(silent.stderr()).contains("WARNING").contains("cannot choose it when scaling down");
        assertThat(out).doesNotExist();

        ExternalTools.Result garbage = runProviderId("hetzner-small", standInCurl("<html>proxy error</html>", 0), out);
        assertThat(garbage.stderr()).contains("WARNING");
        assertThat(out).as("nothing but a number becomes a provider-id").doesNotExist();
    }

    // --- tailscale.sh ---------------------------------------------------------------------------------

    /**
     * k3s (pkg/vpn/vpn.go StartVPN): when `tailscale status --json` reports BackendState "Running", k3s skips
     * `tailscale up`, so the join key, the tag and --ssh are ignored. The script stops such a host unless it
     * already carries the plan's tag, and says how to re-join.
     */
    @Test
    void k3sSkipsTailscaleUpOnARunningHostSoTheScriptStopsAHostWithoutThePlansTag() throws IOException {
        ExternalTools.Result untagged = runTailscale("{\n  \"BackendState\": \"Running\",\n  \"Self\": {\n    \"HostName\": \"pi\"\n  }\n}\n");
        assertThat(untagged.exitCode()).isEqualTo(1);
        assertThat(untagged.stderr()).contains("already logged in to a tailnet without the tag tag:rpi-nodes",
                "tailscale up --reset --force-reauth --auth-key=<the tagged auth key> --advertise-tags=tag:rpi-nodes");

        ExternalTools.Result otherTag = runTailscale("{\n  \"BackendState\": \"Running\",\n  \"Self\": {\n    \"Tags\": [\n      \"tag:other\"\n    ]\n  }\n}\n");
        assertThat(otherTag.exitCode()).isEqualTo(1);

        ExternalTools.Result tagged = runTailscale("{\n  \"BackendState\": \"Running\",\n  \"Self\": {\n    \"Tags\": [\n      \"tag:other\",\n      \"tag:rpi-nodes\"\n    ]\n  }\n}\n");
        assertThat(tagged.exitCode()).as(tagged.both()).isZero();
        assertThat(tagged.stderr()).contains("already on the tailnet with tag tag:rpi-nodes");

        ExternalTools.Result loggedOut = runTailscale("{\n  \"BackendState\": \"NeedsLogin\"\n}\n");
        assertThat(loggedOut.exitCode()).as(loggedOut.both()).isZero();
        assertThat(loggedOut.stderr()).contains("k3s logs in with the join key");
    }

    private ExternalTools.Result runTailscale(String statusJson) throws IOException {
        ClusterPlan plan = Examples.load(new PlanFormat(), "existing-raspberry-pi-tailscale");
        Path script = Files.writeString(dir.resolve("tailscale.sh"), HostScripts.tailscale(plan));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("status.json"), statusJson);
        stub(bin.resolve("tailscale"), "case \"$1 $2 $3\" in\n"
                + "  'status --json --peers=false') cat '" + dir.resolve("status.json") + "' ;;\n"
                + "  'version  ') echo 1.90.0 ;;\n"
                + "  *) echo \"unexpected: tailscale $*\" >&2; exit 3 ;;\n"
                + "esac");
        stub(bin.resolve("systemctl"), "true");
        return ExternalTools.run(List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin", "/bin/bash", script.toString()), 60);
    }
}
