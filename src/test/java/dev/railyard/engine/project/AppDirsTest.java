package dev.railyard.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void followsXdgDataHomeOnLinuxAndFallsBackToLocalShare() {
        assertThat(AppDirs.resolve("Linux", Map.of("XDG_DATA_HOME", "/data/x"), home).data()).isEqualTo(Path.of("/data/x/railyard"));
        assertThat(AppDirs.resolve("Linux", Map.of(), home).data()).isEqualTo(Path.of("/home/ada/.local/share/railyard"));
        assertThat(AppDirs.resolve("Linux", Map.of("XDG_DATA_HOME", "relative"), home).data())
                .isEqualTo(Path.of("/home/ada/.local/share/railyard"));
    }

    @Test
    void usesApplicationSupportOnMacAndAppDataOnWindows() {
        assertThat(AppDirs.resolve("Mac OS X", Map.of(), home).data())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Railyard"));
        assertThat(AppDirs.resolve("Windows 11", Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"), home).data())
                .isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/Railyard"));
    }

    @Test
    void railyardHomeOverridesEverything() {
        assertThat(AppDirs.resolve("Linux", Map.of("RAILYARD_HOME", "/tmp/ry", "XDG_DATA_HOME", "/x"), home).data())
                .isEqualTo(Path.of("/tmp/ry"));
    }
}
