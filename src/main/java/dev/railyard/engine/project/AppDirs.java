package dev.railyard.engine.project;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Railyard keeps its own files (draft autosave, recent list, the encrypted vault): the OS's
 * conventional per-user data folder. Linux follows XDG ({@code $XDG_DATA_HOME/railyard}, else
 * {@code ~/.local/share/railyard}), macOS {@code ~/Library/Application Support/Railyard}, Windows
 * {@code %APPDATA%\Railyard}. {@code RAILYARD_HOME} overrides all of them (tests, portable installs).
 */
public record AppDirs(Path data) {

    public AppDirs {
        Objects.requireNonNull(data, "data");
    }

    /** {@code -Drailyard.home=DIR} wins over the environment (tests, demos). */
    public static AppDirs forCurrentUser() {
        String property = System.getProperty("railyard.home");
        if (property != null && !property.isBlank()) return new AppDirs(Path.of(property));
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Pure resolution from the OS name, the environment and the home folder, so it can be tested on any OS. */
    public static AppDirs resolve(String osName, Map<String, String> env, Path home) {
        String override = env.get("RAILYARD_HOME");
        if (override != null && !override.isBlank()) return new AppDirs(Path.of(override));
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return new AppDirs(base.resolve("Railyard"));
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return new AppDirs(home.resolve("Library").resolve("Application Support").resolve("Railyard"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return new AppDirs(base.resolve("railyard"));
    }

    public Path vault() {
        return data.resolve("vault.bin");
    }

    public Path draft() {
        return data.resolve("draft.railyard.yaml");
    }

    public Path recent() {
        return data.resolve("recent.txt");
    }
}
