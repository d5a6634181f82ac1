package dev.railyard.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointOverridesTest {

    @Test
    void theCoderUrlIsTakenFromItsPropertyOnlyWhenHttpsOrLoopback() {
        String before = System.getProperty(EndpointOverrides.CODER_URL_PROPERTY);
        try {
            System.clearProperty(EndpointOverrides.CODER_URL_PROPERTY);
            assertThat(EndpointOverrides.coderUrl()).isEmpty();
            System.setProperty(EndpointOverrides.CODER_URL_PROPERTY, "http://127.0.0.1:7080");
            assertThat(EndpointOverrides.coderUrl()).contains(URI.create("http://127.0.0.1:7080"));
            System.setProperty(EndpointOverrides.CODER_URL_PROPERTY, "https://coder.example.com");
            assertThat(EndpointOverrides.coderUrl()).contains(URI.create("https://coder.example.com"));
            System.setProperty(EndpointOverrides.CODER_URL_PROPERTY, "http://coder.example.com");
            assertThatThrownBy(EndpointOverrides::coderUrl).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("railyard.coder.url").hasMessageContaining("https://");
        } finally {
            if (before == null) System.clearProperty(EndpointOverrides.CODER_URL_PROPERTY);
            else System.setProperty(EndpointOverrides.CODER_URL_PROPERTY, before);
        }
    }
}
