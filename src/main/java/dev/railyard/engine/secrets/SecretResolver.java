package dev.railyard.engine.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link SecretRef} into its value: {@code keychain:} from the {@link SecretStore},
 * {@code env:} from the given environment, {@code file:} from the file (a leading {@code ~/} is the
 * user's home; one trailing newline is dropped, as editors add it).
 */
public final class SecretResolver {

    private final SecretStore store;
    private final Map<String, String> environment;
    private final Path home;

    public SecretResolver(SecretStore store, Map<String, String> environment, Path home) {
        this.store = store;
        this.environment = Map.copyOf(environment);
        this.home = Objects.requireNonNull(home, "home");
    }

    public Optional<String> resolve(SecretRef ref) {
        switch (ref.kind()) {
            case KEYCHAIN:
                return store == null ? Optional.empty() : store.get(ref.name());
            case ENV:
                return Optional.ofNullable(environment.get(ref.name())).filter(v -> !v.isEmpty());
            case FILE:
                Path file = expand(ref.name());
                if (!Files.isReadable(file)) return Optional.empty();
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (text.endsWith("\r\n")) text = text.substring(0, text.length() - 2);
                    else if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
                    return Optional.of(text);
                } catch (IOException e) {
                    return Optional.empty();
                }
            default:
                throw new IllegalStateException(ref.kind().toString());
        }
    }

    /** The value, or an exception whose message says where Railyard looked and how to provide it. */
    public String require(SecretRef ref) {
        return resolve(ref).orElseThrow(() -> new IllegalStateException(missingMessage(ref)));
    }

    public String missingMessage(SecretRef ref) {
        return switch (ref.kind()) {
            case KEYCHAIN -> store != null && !store.available()
                    ? "cannot read " + ref + ": " + store.describe()
                    : "no secret for " + ref + " in " + (store == null ? "the secret store" : store.describe())
                    + "; add it in the app (Cloud & credentials / Secrets) or with `railyard secret set " + ref.name() + "`";
            case ENV -> ref + ": the environment variable " + ref.name() + " is not set or empty";
            case FILE -> ref + ": cannot read the file " + expand(ref.name());
        };
    }

    private Path expand(String path) {
        if (path.equals("~")) return home;
        if (path.startsWith("~/")) return home.resolve(path.substring(2));
        return Path.of(path);
    }
}
