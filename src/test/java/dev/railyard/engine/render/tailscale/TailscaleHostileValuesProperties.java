package dev.railyard.engine.render.tailscale;

import static dev.railyard.engine.render.RenderFixtures.example;
import static dev.railyard.engine.render.RenderFixtures.withoutSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.render.template.JsonEscaper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A tag or group name can never end its string, open a comment or add a key to the tailnet policy. */
class TailscaleHostileValuesProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClusterPlan BASE = example("existing-raspberry-pi-tailscale");

    @Provide
    static Arbitrary<String> hostile() {
        return Arbitraries.strings()
                .withChars("\"'\\\n\r\t /*:,{}[]#`$")
                .withChars('\u2028', '\u2029', '\u0000', '\u001f', '\u007f', '\u00e9', '\uFEFF')
                .withCharRange('a', 'z')
                .ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank()); // blank values are missing values, which the renderers refuse
    }

    @Property(tries = 1000)
    void tagAndGroupRoundTrip(@ForAll("hostile") String tag, @ForAll("hostile") String group) throws Exception {
        Network n = BASE.spec().network();
        ClusterPlan plan = BASE.withSpec(BASE.spec().withNetwork(new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(),
                n.serviceCidr(), new Network.Tailscale(true, tag, group, true, "keychain:ts"))));
        String hujson = new TailscalePolicyRenderer().render(withoutSecrets(plan)).get(0).content();
        JsonNode policy = JSON.readTree(TailscalePolicyRendererTest.HuJson.toJson(hujson));
        assertThat(policy.size()).isEqualTo(4);
        assertThat(policy.get("tagOwners").size()).isEqualTo(1);
        assertThat(policy.get("tagOwners").get(tag).get(0).asText()).isEqualTo(group);
        assertThat(policy.get("ssh").get(0).get("src").get(0).asText()).isEqualTo(group);
        assertThat(policy.get("grants").get(0).get("src").get(0).asText()).isEqualTo(tag);
    }

    @Property(tries = 1000)
    void escapedStringsParseBackToThemselves(@ForAll String value) throws Exception {
        // any Java string, lone surrogates included: those become \\u escapes a strict parser still accepts
        String literal = JsonEscaper.quote(value);
        assertThat(literal.chars().noneMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029)).isTrue();
        assertThat(JSON.readTree(literal).asText()).isEqualTo(value);
    }
}
