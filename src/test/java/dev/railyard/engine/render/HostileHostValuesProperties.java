package dev.railyard.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Provider.Host;
import dev.railyard.engine.plan.Spec;
import dev.railyard.engine.render.cloudinit.CloudInitRenderer;
import dev.railyard.engine.render.existing.ExistingHostsRenderer;
import dev.railyard.testsupport.ExternalTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Plan values that reach cloud-init, the k3s config, the inventory and the host scripts cannot change
 * what those files mean, whatever they contain: each comes back out of its file exactly as it went in.
 * (Validation rejects most of these values; rendering must be safe without relying on it.)
 */
class HostileHostValuesProperties {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern UNESCAPED_TEMPLATE_START = Pattern.compile("(?<![$%])[$%]\\{[^}]*}");
    private static final Pattern HEREDOC = Pattern.compile(
            "write_file (\\S+) 0[0-7]{3} <<'RAILYARD_EOF'\\n(.*?)\\nRAILYARD_EOF\\n", Pattern.DOTALL);

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> nasty = Arbitraries.strings()
                .withChars("${}%'\"\\\n\r\t`#:-|>&;<()*?[]!~ ,=@/.\u2028\u0085\uFEFFé日")
                .withCharRange('a', 'c')
                .ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> pieces = Arbitraries.of("${base64encode(k3s_config)}", "%{ if x }", "$(reboot)", "`id`",
                "\nRAILYARD_EOF\n", "RAILYARD_EOF", "'; rm -rf / #", "\"\n- evil: true", "*", "~root", "-rf");
        // NUL is left out: no text format here can hold it, and the shell escaper refuses it loudly
        return Arbitraries.oneOf(nasty, pieces, Arbitraries.oneOf(nasty, pieces).list().ofSize(3).map(l -> String.join("", l)));
    }

    @Property(tries = 120)
    void cloudInitKeepsHostileK3sVersionAndPodCidrAsPlainValues(@ForAll("hostile") String version, @ForAll("hostile") String podCidr)
            throws IOException, InterruptedException {
        Assume.that(!version.isBlank()); // an unpinned k3s is refused, see HostScripts
        ClusterPlan base = Examples.load(new PlanFormat(), "hetzner-large-autoscale");
        Network n = base.spec().network();
        ClusterPlan plan = base.withSpec(base.spec().withK3s(new Spec.K3s(version)).withNetwork(
                new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), podCidr, n.serviceCidr(), n.tailscale())));
        Map<String, String> files = new LinkedHashMap<>();
        new CloudInitRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled()))
                .forEach(f -> files.put(f.path(), f.content()));
        for (Map.Entry<String, String> e : files.entrySet()) {
            String text = e.getValue();
            List<String> contract = e.getKey().endsWith("manager.yaml")
                    ? List.of("${jsonencode(host_key_private)}", "${jsonencode(host_key_public)}",
                            "${base64encode(k3s_config)}", "${base64gzip(autoscaler_manifest)}")
                    : List.of("${jsonencode(host_key_private)}", "${jsonencode(host_key_public)}", "${base64encode(k3s_config)}");
            assertThat(templateStarts(text)).as("Terraform template expressions").containsExactlyElementsOf(contract);
            JsonNode doc = YAML.readTree(text);
            String k3sConfig = null;
            String installScript = null;
            for (JsonNode f : doc.get("write_files")) {
                String path = f.get("path").asText();
                if (path.equals("/etc/rancher/k3s/config.yaml")) k3sConfig = terraformUnescape(f.get("content").asText());
                if (path.endsWith("install-k3s.sh")) installScript = terraformUnescape(f.get("content").asText());
            }
            if (e.getKey().endsWith("manager.yaml")) {
                // a blank pod CIDR means "the default" (validation reports it before anyone renders)
                String expected = podCidr.isBlank() ? Network.DEFAULT_POD_CIDR : podCidr;
                assertThat(YAML.readTree(k3sConfig).get("cluster-cidr").asText()).isEqualTo(expected);
            }
            assertThat(shellValueOf(installScript, "K3S_VERSION", "K3S_COMMAND")).isEqualTo(version);
        }
    }

    @Property(tries = 100)
    void existingHostScriptsKeepHostileAddressesUsersAndTagsAsPlainValues(
            @ForAll("hostile") String address, @ForAll("hostile") String user, @ForAll("hostile") String tag)
            throws IOException, InterruptedException {
        ClusterPlan base = Examples.load(new PlanFormat(), "existing-raspberry-pi-tailscale");
        Network n = base.spec().network();
        ClusterPlan plan = base.withSpec(base.spec()
                .withProvider(new Provider(Provider.EXISTING, null, null, new Provider.Existing(List.of(
                        new Host("m1", address, "manager", user, 22), new Host("n1", "10.0.0.2", "node", user, 22)))))
                .withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(), n.serviceCidr(),
                        new Network.Tailscale(true, tag, "group:admins", true, "keychain:ts"))));
        Map<String, String> files = new LinkedHashMap<>();
        new ExistingHostsRenderer().render(RenderInput.withoutSecrets(plan, Catalog.bundled()))
                .forEach(f -> files.put(f.path(), f.content()));

        JsonNode inventory = YAML.readTree(files.get("existing/inventory.yaml"));
        assertThat(inventory.get("hosts").get(0).get("address").asText()).isEqualTo(address);
        assertThat(inventory.get("hosts").get(1).get("sshUser").asText()).isEqualTo(user);

        for (String host : List.of("m1", "n1")) {
            String script = files.get("existing/" + host + ".sh");
            Map<String, String> heredocs = new LinkedHashMap<>();
            Matcher m = HEREDOC.matcher(script);
            while (m.find()) heredocs.put(m.group(1), m.group(2));
            assertThat(heredocs.keySet()).as("files the script writes").containsExactly("\"$LIB/ssh-port.sh\"",
                    "\"$LIB/kernel-modules.sh\"", "\"$LIB/install-k3s.sh\"", "\"$LIB/tailscale.sh\"",
                    "/etc/rancher/k3s/config.yaml", "/etc/rancher/k3s/config.yaml.d/45-railyard-join.yaml");
            JsonNode join = YAML.readTree(heredocs.get("/etc/rancher/k3s/config.yaml.d/45-railyard-join.yaml"));
            if (host.equals("m1")) {
                assertThat(join.get("tls-san").get(0).asText()).isEqualTo(address);
            } else {
                String expectedHost = address.contains(":") ? "[" + address + "]" : address;
                assertThat(join.get("server").asText()).isEqualTo("https://" + expectedHost + ":6443");
            }
            String marker = "\"name=tailscale,joinKey=$TAILSCALE_AUTH_KEY\"";
            int start = script.indexOf(marker) + marker.length();
            String word = script.substring(start, script.indexOf(")\"\n  fi\n", start));
            // a blank tag means "no tag" (validation asks for one when Tailscale is on)
            assertThat(bashEcho(word)).isEqualTo(tag.isBlank() ? ",extraArgs=--ssh" : ",extraArgs=--ssh --advertise-tags=" + tag);
        }
    }

    private static List<String> templateStarts(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = UNESCAPED_TEMPLATE_START.matcher(text);
        while (m.find()) {
            // $${ and %%{ are Terraform's escapes: the match starts after a doubled sigil
            int start = m.start();
            int run = 0;
            while (start - run - 1 >= 0 && text.charAt(start - run - 1) == text.charAt(start)) run++;
            if (run % 2 == 0) found.add(m.group());
        }
        return found;
    }

    /** What Terraform's templatefile() makes of an escaped literal. */
    private static String terraformUnescape(String s) {
        return s.replace("$${", "${").replace("%%{", "%{");
    }

    /** The value bash assigns to NAME in SCRIPT's `NAME=...` assignment, which the NEXT one follows. */
    private static String shellValueOf(String script, String name, String next) throws IOException, InterruptedException {
        int start = script.indexOf("\n" + name + "=") + 1;
        String assignment = script.substring(start, script.indexOf("\n" + next + "=", start));
        return bash(assignment + "\nprintf '%s' \"$" + name + "\"");
    }

    private static String bashEcho(String word) throws IOException, InterruptedException {
        return bash("printf '%s' " + word);
    }

    private static String bash(String program) throws IOException, InterruptedException {
        ExternalTools.require("bash", "apt-get install -y bash");
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(program + "\n" + err).isZero();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
