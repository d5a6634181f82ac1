package dev.railyard.engine.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.FakeCloudApis;
import java.net.URI;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HetznerClientTest {

    private FakeCloudApis api;
    private HetznerClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeCloudApis();
        client = new HetznerClient(HttpClient.newHttpClient(), api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsOnlyTypesAvailableAndNotDeprecatedInTheLocationAcrossAllPages() {
        ConnectionResult result = client.test(FakeCloudApis.GOOD_TOKEN, "fsn1");
        assertThat(result.ok()).isTrue();
        assertThat(result.details()).containsExactly("cx43", "cpx22");
        assertThat(result.message()).contains("2 server types").contains("fsn1");
        assertThat(api.requests).contains("GET /v1/server_types?page=1&per_page=50", "GET /v1/server_types?page=2&per_page=50");
        assertThat(api.authorizations).allMatch(a -> a.equals("Bearer " + FakeCloudApis.GOOD_TOKEN));
    }

    @Test
    void explainsA401UnauthorizedWithoutEchoingTheToken() {
        ConnectionResult result = client.test("wrong-token-CANARY", "fsn1");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("rejected the token").contains("401").doesNotContain("CANARY");
    }

    @Test
    void saysWhenTheLocationIsUnknown() {
        ConnectionResult result = client.test(FakeCloudApis.GOOD_TOKEN, "mars1");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("no location 'mars1'");
    }

    @Test
    void reportsAnUnreachableServerAsAMessage() {
        var offline = new HetznerClient(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1"));
        ConnectionResult result = offline.test("t", "fsn1");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Cannot reach Hetzner Cloud");
    }
}
