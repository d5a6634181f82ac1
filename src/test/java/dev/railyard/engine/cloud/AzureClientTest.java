package dev.railyard.engine.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.testsupport.FakeCloudApis;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureClientTest {

    private FakeCloudApis api;
    private AzureClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeCloudApis();
        client = new AzureClient(HttpClient.newHttpClient(), api.base(), api.base());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void getsATokenThenReadsTheEnabledSubscription() {
        ConnectionResult result = client.test("tenant-1", "client-1", FakeCloudApis.GOOD_SECRET, FakeCloudApis.SUBSCRIPTION);
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).contains("Example Subscription").contains("Enabled");
        assertThat(api.requests).containsExactly("POST /tenant-1/oauth2/v2.0/token",
                "GET /subscriptions/" + FakeCloudApis.SUBSCRIPTION + "?api-version=2022-12-01");
        assertThat(api.authorizations).containsExactly("Bearer eyJ-fake");
    }

    @Test
    void branchesOnTheErrorCodeForAWrongSecret() {
        ConnectionResult result = client.test("tenant-1", "client-1", "secret-id-not-value", FakeCloudApis.SUBSCRIPTION);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("AADSTS7000215").contains("Value, not its Secret ID");
    }

    @Test
    void explainsASubscriptionTheServicePrincipalCannotSee() {
        ConnectionResult result = client.test("tenant-1", "client-1", FakeCloudApis.GOOD_SECRET, "00000000-0000-0000-0000-000000000000");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("SubscriptionNotFound").contains("Contributor");
    }
}
