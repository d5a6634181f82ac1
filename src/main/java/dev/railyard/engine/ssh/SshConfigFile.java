package dev.railyard.engine.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of {@code ~/.ssh/config} users expect every SSH tool to honour: {@code Port}, {@code User}
 * and {@code IdentityFile} under {@code Host} patterns ({@code *}, {@code ?}, {@code !negation}).
 * First match wins per keyword, as in OpenSSH. {@code Match} blocks and {@code Include} are ignored.
 */
public final class SshConfigFile {

    private record Block(List<String> patterns, List<String[]> options) {}

    private final List<Block> blocks;
    private final Path home;

    private SshConfigFile(List<Block> blocks, Path home) {
        this.blocks = blocks;
        this.home = home;
    }

    public static SshConfigFile empty() {
        return new SshConfigFile(List.of(), Path.of(System.getProperty("user.home")));
    }

    public static SshConfigFile read(Path file, Path home) throws IOException {
        if (!Files.isReadable(file)) return new SshConfigFile(List.of(), home);
        return parse(Files.readString(file, StandardCharsets.UTF_8), home);
    }

    public static SshConfigFile parse(String text, Path home) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new ArrayList<>());
        blocks.add(current);
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] kv = line.split("\\s*=\\s*|\\s+", 2);
            if (kv.length < 2) continue;
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            if (key.equals("host")) {
                current = new Block(List.of(value.split("\\s+")), new ArrayList<>());
                blocks.add(current);
            } else if (key.equals("match")) {
                current = new Block(List.of(), new ArrayList<>());
                blocks.add(current);
            } else {
                current.options().add(new String[] {key, value});
            }
        }
        return new SshConfigFile(blocks, home);
    }

    public Optional<Integer> port(String host) {
        return option(host, "port").flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public Optional<String> user(String host) {
        return option(host, "user");
    }

    public Optional<Path> identityFile(String host) {
        return option(host, "identityfile").map(v -> v.startsWith("~/") ? home.resolve(v.substring(2)) : Path.of(v));
    }

    /** Fills what the plan left open from the config: the plan's own values win. */
    public SshTarget apply(String name, String host, Integer port, String user, Path identity) {
        return new SshTarget(name, host, port != null ? port : port(host).orElse(22),
                user != null ? user : user(host).orElse("root"), identity != null ? identity : identityFile(host).orElse(home.resolve(".ssh/id_ed25519")));
    }

    private Optional<String> option(String host, String key) {
        for (Block block : blocks) {
            if (!matches(block.patterns(), host)) continue;
            for (String[] kv : block.options()) {
                if (kv[0].equals(key)) return Optional.of(kv[1]);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> patterns, String host) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = negated ? p.substring(1) : p;
            boolean hit = Pattern.compile(glob.replace(".", "\\.").replace("*", ".*").replace("?", "."), Pattern.CASE_INSENSITIVE)
                    .matcher(host).matches();
            if (hit && negated) return false;
            if (hit) matched = true;
        }
        return matched;
    }
}
