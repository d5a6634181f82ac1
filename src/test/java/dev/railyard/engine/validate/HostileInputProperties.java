package dev.railyard.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.PlanFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile text in every string field of valid plans: the validator either reports an error at
 * exactly that field, or the value is one the field's grammar allows. The grammars here are written
 * independently of the validator (coarse character classes per field), so the property fails if a
 * rule lets an injection through.
 */
class HostileInputProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PlanValidator VALIDATOR = new PlanValidator(Catalog.bundled());

    /** A string field of a base plan: where it is (YAML-style path and the tree steps to it) and its valid value. */
    record Target(ClusterPlan base, String path, List<Object> steps, String original) {
        @Override
        public String toString() {
            return path + " (was '" + original + "')";
        }
    }

    private static final List<Target> TARGETS = targets();

    static final List<String> HOSTILE_FRAGMENTS = List.of(
            "\n", "\r\n", "\r", "\t", "\0", "\u000B", "\u001B[31m", "\u007F", "\u0085", "\u2028", "\u2029",
            "\"", "'", "\\", "${", "${var.x}", "$(", "$(reboot)", "`id`", "`", "#", "# comment", ": ", "- ", ":", "-",
            "&", "&anchor", "*", "*alias", "!", "!!python/object", "|", ">", "%", "%{", "%{ if true }", "@", "{{", "}}",
            "{", "}", "[", "]", ",", "?", ";", "&&", "||", "..", "/", "---", "...", " ", "  ", "\u00A0",
            "\u200B", "\u200E", "\u200F", "\u202E", "\u2066", "\uFEFF", "\uFFFE", "😀", "é", "İ", "ａ", "ß", "\uD800",
            "true", "null", "~", "0x1F", "=", "+", "<", "\u0000\u0000");

    static final List<String> SAFE_FRAGMENTS = List.of(
            "gitpod", "example.com", "a", "1", "10.42.0.0/16", "keychain:x", "env:X", "file:/tmp/x", "tag:x", "group:y",
            "v1.33.7+k3s1", "cx43", "fsn1", "ubuntu", "192.168.1.20", ".", "-");

    static List<Target> targets() {
        PlanFormat format = new PlanFormat();
        List<ClusterPlan> bases = new ArrayList<>();
        Examples.ALL.forEach(e -> bases.add(Examples.load(format, e.name())));
        bases.add(everyOptionalField(Examples.load(format, "hetzner-large-autoscale")));
        bases.add(everyOptionalCoderField(Examples.load(format, "hetzner-small-coder")));
        List<Target> out = new ArrayList<>();
        for (ClusterPlan base : bases) {
            assertThat(PlanValidator.hasErrors(VALIDATOR.validate(base))).as("base plans are valid").isFalse();
            collect(JSON.valueToTree(base), "", new ArrayList<>(), base, out);
        }
        return List.copyOf(out);
    }

    /** Fields no example writes: an uploaded certificate, an installer image, Tailscale on a cloud. */
    private static ClusterPlan everyOptionalField(ClusterPlan plan) {
        Gitpod g = plan.spec().gitpod();
        Network n = plan.spec().network();
        Gitpod gitpod = new Gitpod(g.domain(), g.blockNewUsers(),
                new Gitpod.Tls("upload", g.tls().email(), g.tls().dns01(), "file:/etc/ssl/gitpod/fullchain.pem", "keychain:gitpod-tls-key"),
                g.database(), g.registry(), g.storage(), g.workspace(), Gitpod.DEFAULT_INSTALLER_IMAGE);
        Network network = new Network(n.sshPort(), n.adminCidrs(), n.privateCidr(), n.podCidr(), n.serviceCidr(),
                new Network.Tailscale(true, "tag:gitpod-nodes", "group:admins", true, "env:TS_AUTHKEY"));
        return plan.withSpec(plan.spec().withGitpod(gitpod).withNetwork(network));
    }

    /** Coder's fields no example writes: an outside PostgreSQL and an uploaded certificate. */
    private static ClusterPlan everyOptionalCoderField(ClusterPlan plan) {
        dev.railyard.engine.plan.Coder c = plan.spec().coder();
        dev.railyard.engine.plan.Coder coder = c
                .withTls(new Gitpod.Tls("upload", c.tls().email(), c.tls().dns01(), "file:/etc/ssl/coder/fullchain.pem", "keychain:coder-tls-key"))
                .withDatabase(new dev.railyard.engine.plan.Coder.Database(false, new dev.railyard.engine.plan.Coder.External(
                        "db.example.com", 5432, "coder", "coder", "keychain:coder-db", "verify-full")));
        return plan.withSpec(plan.spec().withCoder(coder));
    }

    private static void collect(JsonNode node, String path, List<Object> steps, ClusterPlan base, List<Target> out) {
        if (node.isTextual()) {
            out.add(new Target(base, path, List.copyOf(steps), node.textValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                steps.add(i);
                collect(node.get(i), path + "[" + i + "]", steps, base, out);
                steps.remove(steps.size() - 1);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                steps.add(f.getKey());
                collect(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), steps, base, out);
                steps.remove(steps.size() - 1);
            }
        }
    }

    static ClusterPlan with(Target target, String value) throws Exception {
        JsonNode root = JSON.valueToTree(target.base());
        JsonNode parent = root;
        List<Object> steps = target.steps();
        for (Object step : steps.subList(0, steps.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) ((ArrayNode) parent).set(i, value);
        else ((ObjectNode) parent).put((String) last, value);
        return JSON.treeToValue(root, ClusterPlan.class);
    }

    // ---- the grammars each field allows, written for this test ----

    private static final Pattern REF = Pattern.compile("(keychain|env):[A-Za-z0-9._-]+|file:.+");
    private static final Pattern FREE = Pattern.compile(".+");
    private static final Map<String, Pattern> GRAMMARS = new LinkedHashMap<>();

    static {
        grammar("[a-z0-9./]+", "apiVersion");
        grammar("[A-Za-z]+", "kind");
        grammar("[a-z0-9-]{1,63}", "metadata.name", "spec.provider.existing.hosts[].name");
        grammar("[a-z-]+", "spec.provider.type", "spec.provider.existing.hosts[].role", "spec.size.preset", "spec.gitpod.tls.mode",
                "spec.gitpod.tls.dns01.provider", "spec.gitpod.workspace.fsShiftMethod");
        grammar("[a-z0-9]+", "spec.provider.hetzner.location", "spec.provider.azure.location");
        grammar("[0-9a-fA-F-]{36}", "spec.provider.azure.subscriptionId", "spec.provider.azure.tenantId", "spec.provider.azure.clientId");
        grammar("[A-Za-z0-9._()-]{1,90}", "spec.provider.azure.resourceGroup");
        grammar("[a-z0-9.-]{1,253}", "spec.provider.existing.hosts[].address", "spec.gitpod.domain", "spec.gitpod.blockNewUsers.passlist[]",
                "spec.gitpod.database.host");
        grammar("[a-z_][a-z0-9_-]{0,31}", "spec.provider.existing.hosts[].sshUser");
        grammar("[A-Za-z0-9_]+", "spec.size.managerType", "spec.size.nodeType");
        grammar("v[0-9]+\\.[0-9]+\\.[0-9]+\\+k3s[0-9]+", "spec.k3s.version");
        grammar("[0-9./]+", "spec.network.adminCidrs[]", "spec.network.privateCidr", "spec.network.podCidr", "spec.network.serviceCidr");
        grammar("tag:[a-z0-9-]+", "spec.network.tailscale.tag");
        grammar("(auto)?group:[a-z0-9._-]+", "spec.network.tailscale.adminGroup");
        grammar("[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+", "spec.gitpod.tls.email");
        grammar("[a-z0-9.:-]+", "spec.gitpod.storage.endpoint");
        grammar("[a-z0-9.:/_-]+", "spec.gitpod.registry.url");
        grammar("[a-z0-9-]+", "spec.gitpod.storage.region");
        grammar("[a-z0-9.-]{3,63}", "spec.gitpod.storage.bucket");
        grammar("[A-Za-z0-9._:/@-]+", "spec.gitpod.installerImage");
        grammar("[a-z0-9.-]{1,253}", "spec.coder.domain", "spec.coder.database.external.host");
        grammar("[a-z-]+", "spec.coder.tls.mode", "spec.coder.tls.dns01.provider", "spec.coder.workspaces.docker",
                "spec.coder.database.external.sslMode");
        grammar("[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+", "spec.coder.tls.email", "spec.coder.admin.email");
        grammar("[A-Za-z0-9-]{1,32}", "spec.coder.admin.username");
        grammar("[a-z0-9_]{1,63}", "spec.coder.database.external.database");
        GRAMMARS.put("spec.coder.database.external.username", FREE);
        GRAMMARS.put("spec.sshKey.publicKeyFile", FREE);
        GRAMMARS.put("spec.gitpod.database.username", FREE);
        GRAMMARS.put("spec.gitpod.registry.username", FREE);
    }

    private static void grammar(String regex, String... paths) {
        for (String p : paths) GRAMMARS.put(p, Pattern.compile(regex));
    }

    static Pattern grammarOf(String path) {
        String field = path.replaceAll("\\[\\d+]", "[]");
        if (field.endsWith("Ref")) return REF;
        Pattern p = GRAMMARS.get(field);
        assertThat(p).as("this test needs a grammar for the field " + field).isNotNull();
        return p;
    }

    /** What no field may hold, whatever its grammar: the characters that can end or bend a line. */
    static boolean textSafe(String s) {
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
                || Character.isSpaceChar(s.charAt(0)) || Character.isSpaceChar(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || c == '\uFFFE' || c == '\uFFFF') return false;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }

    // ---- the properties ----

    @Provide
    Arbitrary<Target> fields() {
        return Arbitraries.of(TARGETS);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(HOSTILE_FRAGMENTS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SAFE_FRAGMENTS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(3)));
        return fragment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Placement> placements() {
        return Arbitraries.of(Placement.values());
    }

    enum Placement {
        REPLACE, APPEND, PREPEND, MIDDLE;

        String apply(String original, String hostile) {
            return switch (this) {
                case REPLACE -> hostile;
                case APPEND -> original + hostile;
                case PREPEND -> hostile + original;
                case MIDDLE -> original.substring(0, original.length() / 2) + hostile + original.substring(original.length() / 2);
            };
        }
    }

    @Property(tries = 2500)
    void hostileTextIsRejectedAtItsFieldOrIsHarmless(@ForAll("fields") Target target, @ForAll("hostile") String hostile,
                                                     @ForAll("placements") Placement placement) throws Exception {
        String value = placement.apply(target.original(), hostile);
        List<Problem> problems = VALIDATOR.validate(with(target, value));
        boolean rejectedHere = problems.stream().anyMatch(p -> p.isError() && p.path().equals(target.path()));
        // an empty value carries no character at all; optional fields (tls.email in upload mode) may be left empty
        if (!rejectedHere && !value.isEmpty()) {
            assertThat(textSafe(value)).as("accepted unsafe text %s at %s; problems: %s", visible(value), target.path(), problems).isTrue();
            assertThat(value).as("accepted text outside the grammar of %s; problems: %s", target.path(), problems)
                    .matches(grammarOf(target.path()));
        }
    }

    @Example
    void everyStringFieldOfTheModelIsATarget() {
        List<String> fields = TARGETS.stream().map(t -> t.path().replaceAll("\\[\\d+]", "[]")).distinct().toList();
        List<String> expected = new ArrayList<>(GRAMMARS.keySet());
        fields.forEach(HostileInputProperties::grammarOf);
        assertThat(fields).containsAll(expected);
        assertThat(fields.stream().filter(f -> f.endsWith("Ref")).toList()).contains(
                "spec.provider.hetzner.tokenRef", "spec.provider.azure.credentialsRef", "spec.network.tailscale.authKeyRef",
                "spec.gitpod.tls.dns01.tokenRef", "spec.gitpod.tls.certificateRef", "spec.gitpod.tls.keyRef",
                "spec.gitpod.database.passwordRef", "spec.gitpod.registry.passwordRef", "spec.gitpod.storage.accessKeyIdRef",
                "spec.gitpod.storage.secretAccessKeyRef");
    }

    @Example
    void aLineBreakInTheDomainIsRejectedThere() throws Exception {
        Target domain = TARGETS.stream().filter(t -> t.path().equals("spec.gitpod.domain")).findFirst().orElseThrow();
        List<Problem> problems = VALIDATOR.validate(with(domain, "gitpod.example.com\nevil: true"));
        assertThat(problems).anyMatch(p -> p.isError() && p.path().equals("spec.gitpod.domain"));
    }

    private static String visible(String s) {
        StringBuilder out = new StringBuilder("'");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) out.append(String.format("\\u%04X", cp));
            else out.appendCodePoint(cp);
        });
        return out.append('\'').toString();
    }
}
