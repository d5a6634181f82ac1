package dev.railyard.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Platform;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoderRulesTest {

    private final PlanValidator validator = new PlanValidator(Catalog.bundled());

    static final Coder VALID = new Coder("coder.example.com",
            new Gitpod.Tls(Gitpod.Tls.CERT_MANAGER, "ops@example.com", new Gitpod.Dns01("cloudflare", "env:CF_TOKEN"), null, null),
            new Coder.Database(true, null),
            new Coder.Admin("admin", "admin@example.com", "keychain:coder-admin"),
            new Coder.Workspaces(Coder.Workspaces.ENVBOX));

    static final Coder.External EXTERNAL = new Coder.External("db.example.com", 5432, "coder", "coder", "keychain:coder-db", "verify-full");

    static ClusterPlan coderPlan(UnaryOperator<Coder> edit) {
        ClusterPlan gitpod = Examples.load(new PlanFormat(), "hetzner-small");
        return gitpod.withSpec(gitpod.spec().withPlatform(Platform.CODER).withCoder(edit.apply(VALID)));
    }

    private List<Problem> errors(ClusterPlan plan) {
        return validator.validate(plan).stream().filter(Problem::isError).toList();
    }

    private List<String> errorPaths(ClusterPlan plan) {
        return errors(plan).stream().map(Problem::path).toList();
    }

    @Test
    void acceptsTheIssuesCoderPlan() {
        assertThat(errors(coderPlan(c -> c))).isEmpty();
        assertThat(errors(coderPlan(c -> c.withDatabase(new Coder.Database(false, EXTERNAL))))).isEmpty();
    }

    @Test
    void refusesAPlanWithBothPlatformsAtSpecNamingBoth() {
        ClusterPlan gitpod = Examples.load(new PlanFormat(), "hetzner-small");
        ClusterPlan both = gitpod.withSpec(gitpod.spec().withCoder(VALID));
        assertThat(errors(both)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("spec");
            assertThat(p.message()).contains("gitpod").contains("coder").contains("both");
        });
    }

    @Test
    void refusesAPlanWithNeitherPlatformAtSpecNamingBoth() {
        ClusterPlan gitpod = Examples.load(new PlanFormat(), "hetzner-small");
        ClusterPlan neither = gitpod.withSpec(gitpod.spec().withGitpod(null));
        assertThat(errors(neither)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("spec");
            assertThat(p.message()).contains("neither gitpod nor coder");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"coder", "Coder.Example.com", "*.coder.example.com", "coder..example.com", "coder.example.com."})
    void refusesADomainThatIsNotAPlainDnsName(String domain) {
        assertThat(errorPaths(coderPlan(c -> c.withDomain(domain)))).containsExactly("spec.coder.domain");
    }

    @Test
    void refusesADomainWhoseWildcardNameIsTooLong() {
        String label = "a".repeat(62);
        String domain = String.join(".", label, label, label, "b".repeat(63)); // 252 characters
        assertThat(domain).hasSize(252);
        List<Problem> found = errors(coderPlan(c -> c.withDomain(domain)));
        assertThat(found).extracting(Problem::path).containsExactly("spec.coder.domain");
        assertThat(found.get(0).message()).contains("*.<domain>").contains("251");
    }

    @Test
    void requiresAWellFormedAdminPasswordReference() {
        assertThat(errors(coderPlan(c -> c.withAdmin(new Coder.Admin("admin", "admin@example.com", null)))))
                .extracting(Problem::path).containsExactly("spec.coder.admin.passwordRef");
        assertThat(errors(coderPlan(c -> c.withAdmin(new Coder.Admin("admin", "admin@example.com", "hunter2")))))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("spec.coder.admin.passwordRef");
                    assertThat(p.message()).contains("not a secret reference");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ad_min", "-admin", "admin-", "ad--min", "new", "create", "abcdefghijklmnopqrstuvwxyz0123456"})
    void refusesAnAdminNameCoderRefuses(String name) {
        assertThat(errorPaths(coderPlan(c -> c.withAdmin(new Coder.Admin(name, "admin@example.com", "keychain:a")))))
                .containsExactly("spec.coder.admin.username");
    }

    @Test
    void requiresTheExternalDatabaseFieldsOnlyWhenNotInCluster() {
        assertThat(errorPaths(coderPlan(c -> c.withDatabase(new Coder.Database(false, null)))))
                .containsExactly("spec.coder.database.external");
        assertThat(errorPaths(coderPlan(c -> c.withDatabase(new Coder.Database(false,
                new Coder.External(null, null, null, null, null, null))))))
                .containsExactly("spec.coder.database.external.host", "spec.coder.database.external.database",
                        "spec.coder.database.external.username", "spec.coder.database.external.passwordRef");
        assertThat(validator.validate(coderPlan(c -> c.withDatabase(new Coder.Database(true, EXTERNAL)))))
                .extracting(Problem::path, Problem::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.coder.database.external", Severity.WARNING));
    }

    @Test
    void checksThePortAndWarnsAwayFrom5432() {
        assertThat(errorPaths(coderPlan(c -> c.withDatabase(new Coder.Database(false,
                new Coder.External("db.example.com", 70000, "coder", "coder", "keychain:db", null))))))
                .containsExactly("spec.coder.database.external.port");
        assertThat(validator.validate(coderPlan(c -> c.withDatabase(new Coder.Database(false,
                new Coder.External("db.example.com", 6432, "coder", "coder", "keychain:db", null))))))
                .singleElement().satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.WARNING);
                    assertThat(p.message()).contains("5432");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"prefer", "allow", "REQUIRE", "verify_full"})
    void refusesAnSslModeCodersDriverDoesNotKnow(String mode) {
        List<Problem> found = errors(coderPlan(c -> c.withDatabase(new Coder.Database(false,
                new Coder.External("db.example.com", 5432, "coder", "coder", "keychain:db", mode)))));
        assertThat(found).extracting(Problem::path).containsExactly("spec.coder.database.external.sslMode");
        assertThat(found.get(0).message()).contains("disable, require, verify-ca, verify-full");
    }

    @Test
    void refusesAnUnknownDockerChoiceAndRequiresOne() {
        assertThat(errorPaths(coderPlan(c -> c.withWorkspaces(new Coder.Workspaces("socket")))))
                .containsExactly("spec.coder.workspaces.docker");
        assertThat(errorPaths(coderPlan(c -> c.withWorkspaces(new Coder.Workspaces(null)))))
                .containsExactly("spec.coder.workspaces.docker");
    }

    @Test
    void checksCodersCertificateLikeGitpodsAtItsOwnPath() {
        assertThat(errorPaths(coderPlan(c -> c.withTls(new Gitpod.Tls("letsencrypt", null, null, null, null)))))
                .containsExactly("spec.coder.tls.mode");
        assertThat(errorPaths(coderPlan(c -> c.withTls(new Gitpod.Tls(Gitpod.Tls.CERT_MANAGER, "ops@example.com", null, null, null)))))
                .containsExactly("spec.coder.tls.dns01");
    }

    @Test
    void controlCharactersInCoderFieldsAreRefusedAtTheirPath() {
        assertThat(errorPaths(coderPlan(c -> c.withAdmin(new Coder.Admin("admin", "admin@example.com\n", "keychain:a")))))
                .containsExactly("spec.coder.admin.email");
    }
}
