package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where the app may send API tokens when a system property points an endpoint elsewhere. */
class EndpointsTest {

    private static final URI DEFAULT = URI.create("https://api.hetzner.cloud/v1");

    @Test
    void acceptsHttpsAnywhereAndPlainHttpOnlyToThisMachine() {
        assertThat(AppContext.Endpoints.checked("railyard.hetzner.url", null, DEFAULT)).isEqualTo(DEFAULT);
        assertThat(AppContext.Endpoints.checked("railyard.hetzner.url", "https://mirror.example.com/v1", DEFAULT))
                .isEqualTo(URI.create("https://mirror.example.com/v1"));
        assertThat(AppContext.Endpoints.checked("railyard.hetzner.url", "http://127.0.0.1:8080/v1", DEFAULT)).hasPort(8080);
        assertThat(AppContext.Endpoints.checked("railyard.hetzner.url", "http://localhost:8080", DEFAULT)).hasHost("localhost");
        assertThat(AppContext.Endpoints.checked("railyard.hetzner.url", "http://[::1]:8080", DEFAULT)).hasPort(8080);
    }

    @Test
    void refusesPlainHttpToAnotherHostAndOtherSchemesNamingTheProperty() {
        for (String bad : new String[] {"http://api.example.com/v1", "ftp://127.0.0.1/", "file:///etc/passwd", "http://127.0.0.1.evil.example/"}) {
            assertThatThrownBy(() -> AppContext.Endpoints.checked("railyard.hetzner.url", bad, DEFAULT)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("railyard.hetzner.url").hasMessageContaining("https://");
        }
    }
}
