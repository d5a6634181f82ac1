package dev.railyard.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubeconfig k3s writes on its first server, made usable from the admin's machine: the server
 * address 127.0.0.1 replaced by the API address, the names "default" replaced by the cluster's name
 * (so it can sit beside other contexts). The file on the node is never edited.
 */
public final class Kubeconfigs {

    private static final ObjectMapper YAML = new YAMLMapper();

    private Kubeconfigs() {}

    public static String rewrite(String k3sYaml, String apiAddress, String name) throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(k3sYaml);
        for (var cluster : root.withArray("clusters")) {
            ObjectNode c = (ObjectNode) cluster.path("cluster");
            String server = c.path("server").asText("");
            c.put("server", server.replace("127.0.0.1", host(apiAddress)).replace("localhost", host(apiAddress)));
            ((ObjectNode) cluster).put("name", name);
        }
        for (var user : root.withArray("users")) ((ObjectNode) user).put("name", name);
        for (var context : root.withArray("contexts")) {
            ((ObjectNode) context).put("name", name);
            ObjectNode ctx = (ObjectNode) context.path("context");
            ctx.put("cluster", name);
            ctx.put("user", name);
        }
        root.put("current-context", name);
        return YAML.writeValueAsString(root);
    }

    /** An IPv6 address needs brackets in a URL. */
    private static String host(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    /** The secret values in a kubeconfig (client keys, tokens), for the redactor. */
    public static List<String> credentials(String kubeconfig) throws IOException {
        List<String> values = new ArrayList<>();
        for (var user : YAML.readTree(kubeconfig).path("users")) {
            for (String key : List.of("client-key-data", "token", "password")) {
                String v = user.path("user").path(key).asText("");
                if (!v.isEmpty()) values.add(v);
            }
        }
        return values;
    }

    public static void save(String kubeconfig, Path file) throws IOException {
        AtomicFiles.write(file, kubeconfig.getBytes(StandardCharsets.UTF_8), true);
    }

    /** What a merge did: the file written, the backup of its previous content (null if there was none), the names replaced. */
    public record MergeResult(Path target, Path backup, List<String> replaced, String context) {}

    /**
     * Adds the cluster, user and context of {@code source} to {@code target} (usually ~/.kube/config),
     * replacing entries of the same name and keeping everything else. The current context changes only
     * with {@code makeCurrent} (or when the file had none). The previous file is kept beside it as
     * {@code <name>.railyard-backup} (0600) and the result written atomically, 0600. Offered to the
     * user, never done on its own.
     */
    public static MergeResult merge(Path source, Path target, boolean makeCurrent) throws IOException {
        ObjectNode add = (ObjectNode) YAML.readTree(Files.readString(source, StandardCharsets.UTF_8));
        boolean existed = Files.exists(target) && Files.size(target) > 0;
        ObjectNode into;
        try {
            into = existed ? (ObjectNode) YAML.readTree(Files.readString(target, StandardCharsets.UTF_8))
                    : YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
        } catch (IOException | ClassCastException e) {
            throw new IOException(target + " is not a kubeconfig Railyard can read (" + e.getMessage() + "); nothing was changed", e);
        }
        List<String> replaced = new ArrayList<>();
        for (String section : List.of("clusters", "users", "contexts")) {
            ArrayNode existing = into.withArray(section);
            for (var entry : add.withArray(section)) {
                String name = entry.path("name").asText();
                for (int i = existing.size() - 1; i >= 0; i--) {
                    if (existing.get(i).path("name").asText().equals(name)) {
                        existing.remove(i);
                        replaced.add(section.substring(0, section.length() - 1) + " " + name);
                    }
                }
                existing.add(entry);
            }
        }
        String context = add.path("current-context").asText();
        if (makeCurrent || !into.hasNonNull("current-context") || into.path("current-context").asText().isEmpty()) {
            into.put("current-context", context);
        }
        Path backup = null;
        if (existed) {
            backup = target.resolveSibling(target.getFileName() + ".railyard-backup");
            AtomicFiles.write(backup, Files.readAllBytes(target), true);
        }
        AtomicFiles.write(target, YAML.writeValueAsString(into).getBytes(StandardCharsets.UTF_8), true);
        return new MergeResult(target, backup, List.copyOf(replaced), context);
    }

    /** The kubeconfig kubectl would write to: the first file of {@code $KUBECONFIG}, else ~/.kube/config. */
    public static Path userKubeconfig(java.util.Map<String, String> env, Path home) {
        String list = env.getOrDefault("KUBECONFIG", "");
        for (String part : list.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) return Path.of(part);
        }
        return home.resolve(".kube").resolve("config");
    }
}
