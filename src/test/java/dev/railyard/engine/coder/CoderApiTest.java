package dev.railyard.engine.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.testsupport.StandInCoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CoderApi and CoderBootstrap against the stand-in coderd on 127.0.0.1. */
class CoderApiTest {

    private static final String PASSWORD = "CANARY-coder-password-7f3a";

    private StandInCoder coder;
    private CoderApi api;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        coder = new StandInCoder();
        api = new CoderApi(HttpClient.newHttpClient(), coder.base(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    private CoderBootstrap bootstrap() {
        return new CoderBootstrap(api, new CoderBootstrap.Progress() {
            @Override
            public void info(String line) {
                log.add(line);
            }

            @Override
            public void sleep(Duration duration) {}
        }, Duration.ZERO, 5);
    }

    private static TemplateArchive archive(String main) {
        return new TemplateArchive(Map.of("main.tf", main.getBytes(StandardCharsets.UTF_8), "README.md", "# k8s\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void firstUserGetAnswers404BeforeAndOkAfterTheFirstUserIsCreated() throws Exception {
        assertThat(api.healthz()).isTrue();
        assertThat(api.hasFirstUser()).isFalse();
        String org = api.createFirstUser("admin@example.com", "admin", PASSWORD);
        assertThat(org).isEqualTo(coder.organizationId);
        assertThat(api.hasFirstUser()).isTrue();
        assertThat(coder.requests).containsSubsequence("GET /healthz", "GET /api/v2/users/first", "POST /api/v2/users/first");
    }

    @Test
    void loginAnswersASessionTokenThatGoesInTheCoderSessionTokenHeader() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        assertThat(token).startsWith("standin-session-");
        assertThat(api.defaultOrganizationId(token)).isEqualTo(coder.organizationId);
        assertThatThrownBy(() -> api.defaultOrganizationId("wrong-token"))
                .isInstanceOf(CoderApi.ApiException.class).hasMessageContaining("401");
    }

    @Test
    void aWrongPasswordIsReportedWithoutEchoingIt() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        assertThatThrownBy(() -> api.login("admin@example.com", "CANARY-wrong"))
                .hasMessageContaining("HTTP 401").hasMessageNotContaining("CANARY");
    }

    @Test
    void ensureFirstUserCreatesOnceAndKeepsItOnARerun() throws Exception {
        assertThat(bootstrap().ensureFirstUser("admin@example.com", "admin", PASSWORD)).isTrue();
        assertThat(bootstrap().ensureFirstUser("admin@example.com", "admin", PASSWORD)).isFalse();
        assertThat(coder.requests.stream().filter(r -> r.equals("POST /api/v2/users/first"))).hasSize(1);
        assertThat(log).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void pushTemplateUploadsATarCreatesAVersionWaitsForItsImportThenCreatesTheTemplate() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        TemplateArchive archive = archive("resource \"null_resource\" \"a\" {}\n");
        assertThat(bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "A pod per workspace", archive))
                .isEqualTo(CoderBootstrap.TemplateOutcome.CREATED);
        String org = "/api/v2/organizations/" + coder.organizationId;
        assertThat(coder.requests.stream().map(r -> r.replaceAll("[0-9a-f-]{36}$", "{id}")).toList()).containsSubsequence(
                "POST /api/v2/files", "POST " + org + "/templateversions", "GET /api/v2/templateversions/{id}", "POST " + org + "/templates");
        assertThat(coder.uploadedFiles()).singleElement().isEqualTo(archive.bytes());
        assertThat(coder.activeVersions()).containsEntry("kubernetes", archive.versionName());
    }

    @Test
    void pushingTheSameTemplateAgainChangesNothing() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "", archive("a"));
        int files = coder.fileCount();
        int versions = coder.versionCount();
        assertThat(bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "", archive("a")))
                .isEqualTo(CoderBootstrap.TemplateOutcome.UNCHANGED);
        assertThat(coder.fileCount()).isEqualTo(files);
        assertThat(coder.versionCount()).isEqualTo(versions);
        assertThat(coder.templateCount()).isEqualTo(1);
    }

    @Test
    void aChangedTemplateBecomesANewActiveVersionOfTheSameTemplate() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "", archive("a"));
        TemplateArchive changed = archive("b");
        assertThat(bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "", changed))
                .isEqualTo(CoderBootstrap.TemplateOutcome.NEW_VERSION);
        assertThat(coder.templateCount()).isEqualTo(1);
        assertThat(coder.activeVersions()).containsEntry("kubernetes", changed.versionName());
        assertThat(coder.requests).anyMatch(r -> r.matches("PATCH /api/v2/templates/[0-9a-f-]{36}/versions"));
    }

    @Test
    void aFailedImportStopsWithCodersJobError() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        coder.failImports(true);
        assertThatThrownBy(() -> bootstrap().pushTemplate(token, "kubernetes", "Kubernetes", "", archive("a")))
                .hasMessageContaining("could not import").hasMessageContaining("stand-in failure");
        assertThat(coder.templateCount()).isZero();
    }

    @Test
    void anUnreachableCoderIsAnIoErrorNotAHang() {
        CoderApi offline = new CoderApi(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));
        assertThatThrownBy(offline::healthz).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void debugHealthNeedsTheOwnerTokenAndAnswersCodersReport() throws Exception {
        api.createFirstUser("admin@example.com", "admin", PASSWORD);
        String token = api.login("admin@example.com", PASSWORD);
        coder.healthReport("{\"severity\":\"error\",\"database\":{\"severity\":\"error\",\"error\":\"EDB01: ping failed\"}}");
        assertThat(api.debugHealth(token).path("database").path("error").asText()).startsWith("EDB01");
        assertThatThrownBy(() -> api.debugHealth("nope")).hasMessageContaining("401");
    }
}
