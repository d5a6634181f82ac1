package dev.railyard.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SshConfigFileTest {

    final SshConfigFile config = SshConfigFile.parse("""
            # the Raspberry Pis
            Host 192.168.1.* !192.168.1.99
              User ubuntu
              Port 2222
              IdentityFile ~/.ssh/pi_ed25519
            Host *
              User fallback
            """, Path.of("/home/me"));

    @Test
    void takesPortUserAndIdentityFileFromTheFirstMatchingHostBlock() {
        assertThat(config.port("192.168.1.20")).contains(2222);
        assertThat(config.user("192.168.1.20")).contains("ubuntu");
        assertThat(config.identityFile("192.168.1.20")).contains(Path.of("/home/me/.ssh/pi_ed25519"));
    }

    @Test
    void aNegatedPatternExcludesTheHostFromThatBlock() {
        assertThat(config.user("192.168.1.99")).contains("fallback");
        assertThat(config.port("192.168.1.99")).isEmpty();
    }

    @Test
    void thePlansOwnValuesWinOverTheConfig() {
        SshTarget target = config.apply("pi", "192.168.1.20", 22, null, null);
        assertThat(target.port()).isEqualTo(22);
        assertThat(target.user()).isEqualTo("ubuntu");
    }
}
