package dev.railyard.engine.run;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.secrets.SecretRef;
import dev.railyard.engine.secrets.SecretResolver;
import dev.railyard.engine.secrets.SecretStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every secret a run of one plan needs, resolved once: the references in the plan, plus values Railyard
 * makes itself and keeps in the store so every run uses the same ones (the k3s server and agent tokens, Gitpod's
 * database encryption key and, for cloud servers, their SSH host keys; changing any of them later breaks
 * the cluster, its data or the next SSH connection).
 */
public final class RunSecrets {

    /** Field path in the plan (for messages) to the reference written there. */
    private final Map<String, String> refsByField;
    private final Map<String, String> valuesByRef = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final String k3sToken;
    private final String k3sAgentToken;
    private final String encryptionKey;
    private final ServerHostKeys hostKeys;
    private final ClusterPlan plan;

    private RunSecrets(ClusterPlan plan, Map<String, String> refsByField, String k3sToken, String k3sAgentToken,
                       String encryptionKey, ServerHostKeys hostKeys) {
        this.plan = plan;
        this.refsByField = refsByField;
        this.k3sToken = k3sToken;
        this.k3sAgentToken = k3sAgentToken;
        this.encryptionKey = encryptionKey;
        this.hostKeys = hostKeys;
    }

    /** Store names of the values Railyard generates, per cluster. */
    public static String k3sTokenName(ClusterPlan plan) {
        return storeName(plan, "k3s-token");
    }

    /**
     * The k3s agent token (the servers' {@code agent-token}): the only token nodes get, because the server token is
     * full admin of the cluster (k3s docs, "token").
     */
    public static String k3sAgentTokenName(ClusterPlan plan) {
        return storeName(plan, "k3s-agent-token");
    }

    public static String encryptionKeyName(ClusterPlan plan) {
        return storeName(plan, "gitpod-encryption-key");
    }

    static String storeName(ClusterPlan plan, String what) {
        String cluster = plan.name() == null ? "cluster" : plan.name().replaceAll("[^A-Za-z0-9._-]", "-");
        String name = "railyard." + cluster;
        return (name.length() > 63 - what.length() - 1 ? name.substring(0, 63 - what.length() - 1) : name) + "." + what;
    }

    /**
     * Resolves every reference; generates (and stores) the k3s token, the encryption key and the cloud
     * servers' SSH host keys on first use when {@code generateMissing} and a store are given. Missing references are listed, not thrown.
     */
    public static RunSecrets resolve(ClusterPlan plan, SecretResolver resolver, SecretStore store, boolean generateMissing) {
        Map<String, String> refs = referencesIn(plan);
        String token = generated(store, k3sTokenName(plan), generateMissing, 48);
        String agentToken = generated(store, k3sAgentTokenName(plan), generateMissing, 48);
        // Gitpod's database encryption key; a Coder plan has no use for one
        String key = plan.spec().platform() == Platform.GITPOD ? generated(store, encryptionKeyName(plan), generateMissing, 32) : null;
        ServerHostKeys hostKeys = ServerHostKeys.resolve(plan, store, generateMissing);
        RunSecrets secrets = new RunSecrets(plan, refs, token, agentToken, key, hostKeys);
        for (Map.Entry<String, String> e : refs.entrySet()) {
            Optional<SecretRef> ref = SecretRef.parse(e.getValue());
            Optional<String> value;
            try {
                value = ref.flatMap(resolver::resolve);
            } catch (RuntimeException storeFailed) { // a keychain error, a wrong vault passphrase: said as it is
                secrets.missing.add(e.getKey() + ": " + storeFailed.getMessage());
                continue;
            }
            if (value.isPresent()) {
                secrets.valuesByRef.put(e.getValue(), value.get());
            } else {
                secrets.missing.add(e.getKey() + ": " + ref.map(resolver::missingMessage)
                        .orElse("'" + e.getValue() + "' is not a secret reference (" + SecretRef.FORMS + ")"));
            }
        }
        if (token == null) secrets.missing.add("k3s join token: " + notKept(store, k3sTokenName(plan)));
        if (agentToken == null) secrets.missing.add("k3s agent token: " + notKept(store, k3sAgentTokenName(plan)));
        if (key == null && plan.spec().platform() == Platform.GITPOD) {
            secrets.missing.add("Gitpod encryption key: " + notKept(store, encryptionKeyName(plan)));
        }
        secrets.missing.addAll(hostKeys.missing());
        return secrets;
    }

    /**
     * Why a value Railyard keeps in the store is not there: when there is no store at all, its cause and
     * fix (Railyard makes these values itself and needs somewhere to keep them between runs).
     */
    static String notKept(SecretStore store, String name) {
        if (store == null) return "no '" + name + "' in the secret store, and no secret store to keep it in";
        if (!store.available()) return "Railyard makes it and keeps it as '" + name + "', but there is " + store.describe();
        return "no '" + name + "' in the secret store (" + store.describe() + "; provision makes it, destroy only reads it)";
    }

    private static String generated(SecretStore store, String name, boolean generate, int bytes) {
        if (store == null || !store.available()) return null;
        Optional<String> existing = store.get(name);
        if (existing.isPresent() || !generate) return existing.orElse(null);
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String value = bytes == 32 ? Base64.getEncoder().encodeToString(random)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        store.put(name, value);
        return value;
    }

    /** Every secret reference the plan holds, by the field it is written in (spec.provider.hetzner.tokenRef -> keychain:hcloud). */
    public static Map<String, String> referencesIn(ClusterPlan plan) {
        Map<String, String> refs = new LinkedHashMap<>();
        Provider p = plan.spec().provider();
        if (p.isHetzner() && p.hetzner() != null) put(refs, "spec.provider.hetzner.tokenRef", p.hetzner().tokenRef());
        if (p.isAzure() && p.azure() != null) put(refs, "spec.provider.azure.credentialsRef", p.azure().credentialsRef());
        Network.Tailscale ts = plan.spec().network().tailscale();
        if (ts.isEnabled()) put(refs, "spec.network.tailscale.authKeyRef", ts.authKeyRef());
        if (plan.spec().platform() == Platform.CODER) {
            coderReferences(plan.spec().coder(), refs);
            return refs;
        }
        Gitpod g = plan.spec().gitpod();
        if (g.tls().isCertManager() && g.tls().dns01() != null) put(refs, "spec.gitpod.tls.dns01.tokenRef", g.tls().dns01().tokenRef());
        if (Gitpod.Tls.UPLOAD.equals(g.tls().mode())) {
            put(refs, "spec.gitpod.tls.certificateRef", g.tls().certificateRef());
            put(refs, "spec.gitpod.tls.keyRef", g.tls().keyRef());
        }
        if (!g.database().isInCluster()) put(refs, "spec.gitpod.database.passwordRef", g.database().passwordRef());
        if (!g.registry().isInCluster()) put(refs, "spec.gitpod.registry.passwordRef", g.registry().passwordRef());
        if (!g.storage().isInCluster()) {
            put(refs, "spec.gitpod.storage.accessKeyIdRef", g.storage().accessKeyIdRef());
            put(refs, "spec.gitpod.storage.secretAccessKeyRef", g.storage().secretAccessKeyRef());
        }
        return refs;
    }

    private static void coderReferences(Coder c, Map<String, String> refs) {
        if (c.tls().isCertManager() && c.tls().dns01() != null) put(refs, "spec.coder.tls.dns01.tokenRef", c.tls().dns01().tokenRef());
        if (Gitpod.Tls.UPLOAD.equals(c.tls().mode())) {
            put(refs, "spec.coder.tls.certificateRef", c.tls().certificateRef());
            put(refs, "spec.coder.tls.keyRef", c.tls().keyRef());
        }
        if (!c.database().isInCluster() && c.database().external() != null) {
            put(refs, "spec.coder.database.external.passwordRef", c.database().external().passwordRef());
        }
        put(refs, "spec.coder.admin.passwordRef", c.admin().passwordRef());
    }

    private static void put(Map<String, String> refs, String field, String ref) {
        if (ref != null && !ref.isBlank()) refs.put(field, ref);
    }

    /** One line per secret that could not be found, naming the plan field and where Railyard looked. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    public List<String> allValues() {
        List<String> all = new ArrayList<>(valuesByRef.values());
        if (k3sToken != null) all.add(k3sToken);
        if (k3sAgentToken != null) all.add(k3sAgentToken);
        if (encryptionKey != null) all.add(encryptionKey);
        all.addAll(hostKeys.privateKeys());
        return all;
    }

    public Optional<String> value(String ref) {
        return Optional.ofNullable(valuesByRef.get(ref));
    }

    public Optional<String> k3sToken() {
        return Optional.ofNullable(k3sToken);
    }

    public Optional<String> k3sAgentToken() {
        return Optional.ofNullable(k3sAgentToken);
    }

    public Optional<String> encryptionKey() {
        return Optional.ofNullable(encryptionKey);
    }

    /** The SSH host keys of the cloud servers (none for existing servers). */
    public ServerHostKeys hostKeys() {
        return hostKeys;
    }

    /** The {@code TF_VAR_*} variables of the generated Terraform (variables.tf), all sensitive. */
    public Map<String, String> terraformVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        Provider p = plan.spec().provider();
        if (p.isHetzner() && p.hetzner() != null) value(p.hetzner().tokenRef()).ifPresent(v -> vars.put("TF_VAR_hcloud_token", v));
        if (p.isAzure() && p.azure() != null) value(p.azure().credentialsRef()).ifPresent(v -> vars.put("TF_VAR_azure_client_secret", v));
        k3sToken().ifPresent(v -> vars.put("TF_VAR_k3s_token", v));
        k3sAgentToken().ifPresent(v -> vars.put("TF_VAR_k3s_agent_token", v));
        Network.Tailscale ts = plan.spec().network().tailscale();
        if (ts.isEnabled()) value(ts.authKeyRef()).ifPresent(v -> vars.put("TF_VAR_tailscale_auth_key", v));
        if (p.isCloud()) vars.put("TF_VAR_ssh_host_keys", hostKeys.terraformVariable());
        return vars;
    }

    /**
     * Replaces the placeholders an export without secrets carries ({@link RenderInput#placeholder}) with
     * the real values; what cannot be filled stays and is reported by {@link #unfilledPlaceholder}.
     */
    public String fillPlaceholders(String text) {
        String result = text;
        for (Map.Entry<String, String> e : valuesByRef.entrySet()) {
            result = result.replace(RenderInput.placeholder(e.getKey()), e.getValue());
        }
        if (encryptionKey != null) result = result.replace(ENCRYPTION_KEY_PLACEHOLDER, encryptionKey);
        return result;
    }

    /** The first placeholder left in {@code text}, if any. */
    public static Optional<String> unfilledPlaceholder(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("REPLACE_ME_[A-Z0-9_]+").matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** What the gitpod renderer writes for the encryption key in an export without secrets. */
    static final String ENCRYPTION_KEY_PLACEHOLDER = "REPLACE_ME_WITH_32_RANDOM_BYTES_BASE64";
}
