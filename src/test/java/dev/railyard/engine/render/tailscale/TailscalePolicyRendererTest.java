package dev.railyard.engine.render.tailscale;

import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.GeneratedFile;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TailscalePolicyRendererTest {

    private final TailscalePolicyRenderer renderer = new TailscalePolicyRenderer();

    static java.util.stream.Stream<String> examples() {
        return dev.railyard.engine.render.RenderFixtures.exampleNames();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writesAPolicyOnlyWhenTailscaleIsEnabled(String example) {
        ClusterPlan plan = example(example);
        List<GeneratedFile> files = renderer.render(withoutSecrets(plan));
        if (plan.spec().network().tailscale().isEnabled()) {
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("tailscale/policy.hujson");
                assertThat(f.secret()).isFalse();
            });
        } else {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void policyApprovesThePodRoutesForTheTagAndLetsTagAndPodsTalk() throws Exception {
        JsonNode policy = policy(example("existing-raspberry-pi-tailscale"));
        assertThat(texts(policy.at("/tagOwners/tag:rpi-nodes"))).containsExactly("group:admins");
        assertThat(texts(policy.get("autoApprovers").get("routes").get("10.42.0.0/16"))).containsExactly("tag:rpi-nodes");
        JsonNode grants = policy.get("grants");
        assertThat(grants).hasSize(2);
        assertThat(texts(grants.get(0).get("src"))).containsExactly("tag:rpi-nodes", "10.42.0.0/16");
        assertThat(texts(grants.get(0).get("dst"))).containsExactly("tag:rpi-nodes", "10.42.0.0/16");
        assertThat(texts(grants.get(0).get("ip"))).containsExactly("*");
    }

    @Test
    void policyLetsTheAdminGroupUseTailscaleSshOnTheHosts() throws Exception {
        JsonNode ssh = policy(example("existing-raspberry-pi-tailscale")).get("ssh");
        assertThat(ssh).hasSize(1);
        assertThat(ssh.get(0).get("action").asText()).isEqualTo("accept");
        assertThat(texts(ssh.get(0).get("src"))).containsExactly("group:admins");
        assertThat(texts(ssh.get(0).get("dst"))).containsExactly("tag:rpi-nodes");
        assertThat(texts(ssh.get(0).get("users"))).containsExactly("autogroup:nonroot", "root");
    }

    /**
     * Tailscale SSH needs the connection to port 22 allowed by an access rule as well as an "ssh" rule
     * (tailscale.com/kb/1193/tailscale-ssh), and administrators use the Kubernetes API on 6443 over the tailnet:
     * the admin group gets a grant to the tagged hosts on those ports, and the file says the group must exist.
     */
    @Test
    void tailscaleSshNeedsPort22AllowedSoTheAdminGroupGetsAGrantTo22And6443() throws Exception {
        ClusterPlan plan = example("existing-raspberry-pi-tailscale");
        JsonNode admin = policy(plan).get("grants").get(1);
        assertThat(texts(admin.get("src"))).containsExactly("group:admins");
        assertThat(texts(admin.get("dst"))).containsExactly("tag:rpi-nodes");
        assertThat(texts(admin.get("ip"))).containsExactly("tcp:22", "tcp:6443");
        String text = renderer.render(withoutSecrets(plan)).get(0).content();
        assertThat(text).contains("\"group:admins\" must exist in your tailnet", "\"groups\"");

        JsonNode withoutSsh = policy(withTailscale(plan, new Network.Tailscale(true, "tag:k3s", "group:ops", false, "keychain:ts")));
        assertThat(texts(withoutSsh.get("grants").get(1).get("ip"))).containsExactly("tcp:6443");
    }

    @Test
    void leavesOutTheSshRuleWhenTailscaleSshIsOff() throws Exception {
        JsonNode policy = policy(withTailscale(example("existing-raspberry-pi-tailscale"),
                new Network.Tailscale(true, "tag:k3s", "group:ops", false, "keychain:ts")));
        assertThat(policy.has("ssh")).isFalse();
        assertThat(policy.has("grants")).isTrue();
    }

    @Test
    void usesThePlansPodCidr() throws Exception {
        ClusterPlan plan = example("existing-raspberry-pi-tailscale");
        Network n = plan.spec().network();
        plan = plan.withSpec(plan.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), "10.244.0.0/16",
                n.serviceCidr(), n.tailscale())));
        JsonNode policy = policy(plan);
        assertThat(texts(policy.at("/autoApprovers/routes").get("10.244.0.0/16"))).containsExactly("tag:rpi-nodes");
        assertThat(texts(policy.get("grants").get(0).get("dst"))).contains("10.244.0.0/16");
    }

    @Test
    void hostileTagAndGroupStayStringsAndCannotOpenAComment() throws Exception {
        String hostile = "tag:x\", \"evil\": [\"*\"] // \n*/ /* \u2028 \\";
        JsonNode policy = policy(withTailscale(example("existing-raspberry-pi-tailscale"),
                new Network.Tailscale(true, hostile, hostile, true, "keychain:ts")));
        assertThat(policy.get("tagOwners").size()).isEqualTo(1);
        assertThat(texts(policy.get("tagOwners").get(hostile))).containsExactly(hostile);
        assertThat(policy.has("evil")).isFalse();
        assertThat(texts(policy.get("ssh").get(0).get("dst"))).containsExactly(hostile);
    }

    @Test
    void rendersTheSameBytesTwice() {
        ClusterPlan plan = example("existing-raspberry-pi-tailscale");
        assertThat(renderer.render(withoutSecrets(plan))).isEqualTo(renderer.render(withoutSecrets(plan)));
    }

    @Test
    void theStripperUnderstandsCommentsAndTrailingCommasButNotInsideStrings() throws Exception {
        JsonNode node = new ObjectMapper().readTree(HuJson.toJson("{\n // c\n \"a\": \"// not a comment, /* nor this */\", /* x */\n \"b\": [1, 2,],\n}"));
        assertThat(node.get("a").asText()).isEqualTo("// not a comment, /* nor this */");
        assertThat(node.get("b")).hasSize(2);
    }

    private JsonNode policy(ClusterPlan plan) throws Exception {
        String hujson = renderer.render(withoutSecrets(plan)).get(0).content();
        return new ObjectMapper().readTree(HuJson.toJson(hujson));
    }

    private static ClusterPlan withTailscale(ClusterPlan plan, Network.Tailscale tailscale) {
        Network n = plan.spec().network();
        return plan.withSpec(plan.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(),
                n.serviceCidr(), tailscale)));
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        assertThat(array.isArray()).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** HuJSON to JSON for the test: drops // and /* *\/ comments and trailing commas, leaving strings alone. */
    static final class HuJson {
        static String toJson(String text) {
            StringBuilder noComments = new StringBuilder();
            boolean inString = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (inString) {
                    noComments.append(c);
                    if (c == '\\') noComments.append(text.charAt(++i));
                    else if (c == '"') inString = false;
                } else if (c == '"') {
                    inString = true;
                    noComments.append(c);
                } else if (c == '/' && next == '/') {
                    while (i < text.length() && text.charAt(i) != '\n') i++;
                    noComments.append('\n');
                } else if (c == '/' && next == '*') {
                    int end = text.indexOf("*/", i + 2);
                    if (end < 0) throw new IllegalArgumentException("unclosed block comment");
                    i = end + 1;
                    noComments.append(' ');
                } else {
                    noComments.append(c);
                }
            }
            // a comma followed only by blanks before } or ] is a trailing comma
            StringBuilder out = new StringBuilder();
            String s = noComments.toString();
            inString = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inString) {
                    out.append(c);
                    if (c == '\\') out.append(s.charAt(++i));
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') inString = true;
                if (c == ',') {
                    int j = i + 1;
                    while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
                    if (j < s.length() && (s.charAt(j) == '}' || s.charAt(j) == ']')) continue;
                }
                out.append(c);
            }
            return out.toString();
        }
    }
}
