package dev.railyard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.secrets.VaultSecretStore;
import dev.railyard.testsupport.FakeCloudApis;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Choosing Coder on the start screen, then walking the wizard by typing: the plan gets spec.coder, never spec.gitpod. */
@ExtendWith(ApplicationExtension.class)
class CoderWizardTest {

    @TempDir Path temp;
    private FakeCloudApis api;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        api = new FakeCloudApis();
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        window = WizardFixture.show(stage, new MainWindow(WizardFixture.context(temp.resolve("app-data"), api.base())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void choosingCoderFirstMakesACoderPlanAndTheGitpodScreensStepAside(FxRobot fx) throws Exception {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems() + " on " + fx.lookup(".railyard-step-title").queryLabeled().getText());
        String hcloud = "CANARY-hcloud-c0d3";
        String cloudflare = "CANARY-cloudflare-c0d3";
        String owner = "CANARY-owner-password-c0d3";

        // the choice sits below the examples: scroll to it, as a person would
        fx.interact(() -> fx.lookup("#start-screen").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        ui.click("#platform-coder");
        fx.interact(() -> fx.lookup("#start-screen").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0.0));
        ui.click("#start-new");
        assertThat(window.state().plan().spec().platform()).isEqualTo(Platform.CODER);
        ui.type("metadata.name", "acme-coder").click("#provider-hetzner").type("spec.provider.hetzner.tokenRef", hcloud).next();
        ui.next(); // size

        assertThat(fx.lookup(".gitpod-only-note").queryAll().stream().anyMatch(javafx.scene.Node::isVisible)).isTrue();
        ui.next(); // Gitpod's domain screen: disabled on a Coder plan
        ui.next(); // Gitpod's dependencies: disabled too

        assertThat(fx.lookup("#coder-not-chosen").query().isVisible()).isFalse();
        ui.type("spec.coder.domain", "coder.example.com")
          .type("spec.coder.tls.email", "ops@example.com")
          .type("spec.coder.tls.dns01.tokenRef", cloudflare)
          .type("spec.coder.admin.email", "admin@example.com")
          .type("spec.coder.admin.passwordRef", owner);
        assertThat(ui.text("#coder-dns-names")).isEqualTo("coder.example.com\n*.coder.example.com");
        ui.choose("spec.coder.workspaces.docker", "none");
        ui.next();

        var plan = window.state().plan();
        assertThat(plan.spec().gitpod()).isNull();
        assertThat(plan.spec().coder().domain()).isEqualTo("coder.example.com");
        assertThat(plan.spec().coder().database().isInCluster()).isTrue();
        assertThat(plan.spec().coder().workspaces().docker()).isEqualTo("none");
        assertThat(plan.spec().coder().admin().passwordRef()).isEqualTo("keychain:coder-admin");
        assertThat(plan.spec().coder().tls().dns01().tokenRef()).isEqualTo("keychain:cf");
        String yaml = new PlanFormat().write(plan);
        assertThat(yaml).contains("coder:").doesNotContain("gitpod:").doesNotContain(owner).doesNotContain(cloudflare).doesNotContain(hcloud);
        assertThat(window.state().problems()).noneMatch(p -> p.path().startsWith("spec.coder") && p.isError());

        VaultSecretStore vault = new VaultSecretStore(temp.resolve("app-data/vault.bin"), WizardFixture.VAULT_PASSPHRASE::toCharArray);
        assertThat(vault.get("coder-admin")).contains(owner);
        assertThat(vault.get("cf")).contains(cloudflare);
    }

    @Test
    void gitpodStaysTheDefaultAndCodersScreenEditsNothingThen(FxRobot fx) {
        WizardRobot ui = new WizardRobot(fx, () -> window.state().problems());
        ui.click("#start-new");
        assertThat(window.state().plan().spec().platform()).isEqualTo(Platform.GITPOD);
        fx.interact(() -> window.show(4));
        assertThat(fx.lookup("#coder-not-chosen").query().isVisible()).isTrue();
        assertThat(window.state().plan().spec().coder()).isNull();
    }
}
