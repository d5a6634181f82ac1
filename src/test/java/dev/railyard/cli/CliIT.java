package dev.railyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.cli.RailyardProcess.Run;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.Examples;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code railyard.jar} run as a real process, the way users and scripts run it. */
class CliIT {

    @Test
    void validateExitsZeroForAValidPlanAndTwoWithEveryProblemForAnInvalidOne(@TempDir Path dir) throws Exception {
        assertThat(RailyardProcess.run(dir, Map.of(), "init", "--example", "hetzner-small").code()).isZero();
        Run valid = RailyardProcess.run(dir, Map.of(), "validate", "railyard.yaml");
        assertThat(valid.code()).isZero();
        assertThat(valid.out()).contains("railyard.yaml: valid");

        Path plan = dir.resolve("railyard.yaml");
        Files.writeString(plan, Files.readString(plan).replace("domain: gitpod.example.com", "domain: \"bad domain\""));
        Run invalid = RailyardProcess.run(dir, Map.of(), "validate", "railyard.yaml");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("spec.gitpod.domain");
    }

    @Test
    void validateReportsAParseErrorWithFileLineAndColumnAndExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small").replace("    sshPort: 2244\n", "    sshPort: 2244\n    sshPrt: 1\n"));
        Run r = RailyardProcess.run(dir, Map.of(), "validate", "p.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("p.yaml:23:5: error: spec.network.sshPrt: unknown key 'sshPrt'");
    }

    @Test
    void generateWritesTheSameBytesAsTheEngineTwiceInARowWithoutAnyNetwork(@TempDir Path dir) throws Exception {
        for (Examples.Example example : Examples.ALL) {
            Files.writeString(dir.resolve(example.name() + ".yaml"), Examples.text(example.name()));
            Run first = RailyardProcess.runWithoutNetwork(dir, Map.of(), "generate", example.name() + ".yaml", "-o", "out-" + example.name());
            assertThat(first.code()).as(first.err()).isZero();
            Run second = RailyardProcess.runWithoutNetwork(dir, Map.of(), "generate", example.name() + ".yaml", "-o", "out-" + example.name());
            assertThat(second.code()).as(second.err()).isZero();

            List<GeneratedFile> engine = Generator.standard(Catalog.bundled())
                    .generate(Examples.load(new PlanFormat(), example.name()), Optional.empty());
            Path out = dir.resolve("out-" + example.name());
            for (GeneratedFile f : engine) {
                assertThat(Files.readString(out.resolve(f.path()), StandardCharsets.UTF_8)).as(f.path()).isEqualTo(f.content());
            }
            assertThat(countFiles(out)).isEqualTo(engine.size() + 1); // + the export marker
        }
    }

    @Test
    void generateRefusesAFolderItDidNotWriteAndExitsOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), Examples.text("azure-small"));
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/notes.md"), "mine");
        Run r = RailyardProcess.run(dir, Map.of(), "generate", "p.yaml", "-o", "docs");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--force");
        assertThat(dir.resolve("docs/notes.md")).hasContent("mine");
    }

    @Test
    void generateWithIncludeSecretsNamesTheMissingReference(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small"));
        Run r = RailyardProcess.run(dir, Map.of(), "generate", "p.yaml", "-o", "out", "--include-secrets");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("keychain").doesNotContain("Exception");
    }

    @Test
    void secretsStoredWithTheCliLandOnlyInOwnerOnlySecretFilesWhenAskedFor(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("RAILYARD_HOME", dir.resolve("home").toString(),
                "RAILYARD_SECRET_STORE", "vault", "RAILYARD_VAULT_PASSPHRASE", "correct horse battery");
        String canary = "canary-db-Zx81-" + System.nanoTime();
        for (String name : List.of("hcloud", "cf", "db")) {
            RailyardProcess.setSecret(dir, env, name, name.equals("db") ? canary : "value-of-" + name);
        }
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small"));

        Run plain = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "plain");
        assertThat(plain.code()).as(plain.err()).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(canary);
            }
        }

        Run withSecrets = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "with-secrets", "--include-secrets");
        assertThat(withSecrets.code()).as(withSecrets.err()).isZero();
        assertThat(withSecrets.out() + withSecrets.err()).doesNotContain(canary);
        Path database = dir.resolve("with-secrets/gitpod/secrets/database.yaml");
        assertThat(Files.readString(database)).contains(canary);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }

    @Test
    void ctrlCDuringApplyWithTheStandInTerraformCancelsStopsTheChildAndLeavesAResumableState(@TempDir Path dir) throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("RAILYARD_HOME", home.resolve(".railyard").toString(), "RAILYARD_SECRET_STORE", "vault",
                "RAILYARD_VAULT_PASSPHRASE", "correct horse battery");
        for (String name : List.of("hcloud", "cf", "db")) RailyardProcess.setSecret(dir, env, name, "value-of-" + name);
        RailyardProcess.sshKey(home);
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small"));
        assertThat(RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "generated").code()).isZero();
        // the stand-in terraform (not the real one: it cannot be downloaded here) takes 30 s per resource during apply
        Path tf = Files.createDirectories(dir.resolve("bin")).resolve("terraform");
        try (var in = CliIT.class.getResourceAsStream("/fake-terraform/terraform")) {
            Files.write(tf, in.readAllBytes());
        }
        Files.setPosixFilePermissions(tf, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("generated/terraform/fake-terraform.env"), "FAKE_TF_DELAY=30\n");

        // every registry is asked at a stand-in registry on 127.0.0.1 that holds all of Gitpod 2022.11.3's images
        dev.railyard.testsupport.StandInRegistry registry = dev.railyard.testsupport.StandInRegistry.start();
        var gitpod = new dev.railyard.engine.plan.PlanFormat().read(Examples.text("hetzner-small"), "p").spec().gitpod();
        for (String image : dev.railyard.engine.run.ImagePreflight.imagesFor(gitpod,
                dev.railyard.engine.images.GitpodImages.installerImage(gitpod.repository(), gitpod.installerImage()))) {
            var ref = dev.railyard.engine.images.ImageRef.parse(image);
            registry.add(ref.path(), ref.reference());
        }
        // the installer Job's apply container, which provision checks along with Gitpod's images
        var kubectl = dev.railyard.engine.images.ImageRef.parse(dev.railyard.engine.run.RunOptions.DEFAULT_KUBECTL_IMAGE);
        registry.add(kubectl.path(), kubectl.reference());
        ProcessBuilder pb = new ProcessBuilder(RailyardProcess.java(), "-Duser.home=" + home, "-D" + dev.railyard.engine.run.Provisioning.REGISTRY_URL_PROPERTY
                + "=" + registry.url(), "-jar", RailyardProcess.jar(), "provision", "p.yaml", "--terraform", tf.toString()).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = dir.resolve("provision.out");
        Process provision = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("Creating...")) {
            assertThat(provision.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("apply started: " + Files.readString(out)).isLessThan(deadline);
            Thread.sleep(100);
        }
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(provision.pid())).start().waitFor();

        assertThat(provision.waitFor(30, TimeUnit.SECONDS)).as("railyard stopped after Ctrl-C").isTrue();
        double seconds = (System.nanoTime() - signalled) / 1e9;
        String said = Files.readString(out);
        assertThat(provision.exitValue()).as(said).isEqualTo(130);
        assertThat(said).contains("cancelling").contains("Interrupt received");
        assertThat(seconds).as("stopped long before the 30 s resource finished").isLessThan(20);
        System.out.printf("railyard provision stopped %.2f s after SIGINT%n", seconds);
        var state = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(".railyard/runs/acme-gitpod/provision/state.json").toFile());
        Map<String, String> states = new java.util.LinkedHashMap<>();
        state.path("steps").forEach(s -> states.put(s.path("name").asText(), s.path("state").asText()));
        registry.close();
        assertThat(states).containsEntry("preflight", "done").containsEntry("images", "done").containsEntry("terraform-apply", "cancelled")
                .containsEntry("wait-for-ssh", "pending");
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(h -> h.info().commandLine().orElse("").contains(tf.toString())).toList())
                    .as("no stand-in terraform left running").isEmpty();
        }
    }

    /**
     * The README's headless first run: a server with no OS keychain, a fresh RAILYARD_HOME (no vault yet),
     * the passphrase in RAILYARD_VAULT_PASSPHRASE and the plan's tokens as env: references. Provision must
     * get past preflight, creating the vault for the values Railyard makes (k3s token, encryption key,
     * host keys); without a passphrase it must stop in preflight naming the cause and the fix.
     */
    @Test
    void provisionOnAFreshHeadlessMachineCreatesTheVaultForTheValuesItMakes(@TempDir Path dir) throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        Path home = Files.createDirectories(dir.resolve("home"));
        Path appData = home.resolve(".railyard"); // not created: a first run
        Map<String, String> noPassphrase = Map.of("RAILYARD_HOME", appData.toString(), "RAILYARD_SECRET_STORE", "vault",
                "HCLOUD_TOKEN", "hcloud-token-value", "CF_TOKEN", "cf-token-value", "DB_PASSWORD", "db-password-value");
        Map<String, String> env = new java.util.HashMap<>(noPassphrase);
        env.put("RAILYARD_VAULT_PASSPHRASE", "correct horse battery");
        RailyardProcess.sshKey(home);
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small").replace("keychain:hcloud", "env:HCLOUD_TOKEN")
                .replace("keychain:cf", "env:CF_TOKEN").replace("keychain:db", "env:DB_PASSWORD"));
        assertThat(RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "generated").code()).isZero();
        Path tf = RailyardProcess.standInTerraform(dir);
        Files.writeString(dir.resolve("generated/terraform/fake-terraform.env"), "FAKE_TF_DELAY=30\n");

        Run locked = RailyardProcess.run(dir, noPassphrase, "-Duser.home=" + home, "provision", "p.yaml", "--terraform", tf.toString());
        assertThat(locked.code()).as(locked.out() + locked.err()).isEqualTo(3);
        assertThat(locked.out() + locked.err()).contains("k3s join token").contains("RAILYARD_VAULT_PASSPHRASE is not set")
                .contains("set RAILYARD_VAULT_PASSPHRASE").contains(appData.resolve("vault.bin").toString())
                .doesNotContain("no 'railyard.acme-gitpod.k3s-token' in the secret store");
        assertThat(appData.resolve("vault.bin")).doesNotExist();

        ProcessBuilder pb = new ProcessBuilder(RailyardProcess.java(), "-Duser.home=" + home, "-jar", RailyardProcess.jar(), "provision", "p.yaml", "--terraform",
                tf.toString()).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("DISPLAY");
        Path out = dir.resolve("provision.out");
        Process provision = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("Creating...")) {
            assertThat(provision.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("apply started: " + Files.readString(out)).isLessThan(deadline);
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(provision.pid())).start().waitFor();
        assertThat(provision.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).doesNotContain("hcloud-token-value");

        Path vault = appData.resolve("vault.bin");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(vault))).isEqualTo("rw-------");
        Run list = RailyardProcess.run(dir, env, "secret", "list");
        assertThat(list.out()).contains("keychain:railyard.acme-gitpod.k3s-token", "keychain:railyard.acme-gitpod.gitpod-encryption-key",
                "keychain:railyard.acme-gitpod.ssh-host-key.");
    }

    @Test
    void provisionRefusesAStaleExportNamingTheFilesAndUpRewritesItKeepingTerraformsState(@TempDir Path dir) throws Exception {
        dev.railyard.testsupport.Signals.requireSigintNotIgnored();
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("RAILYARD_HOME", home.resolve(".railyard").toString(), "RAILYARD_SECRET_STORE", "vault",
                "RAILYARD_VAULT_PASSPHRASE", "correct horse battery", "HCLOUD_TOKEN", "t", "CF_TOKEN", "c", "DB_PASSWORD", "d",
                "FAKE_TF_DELAY", "30");
        RailyardProcess.sshKey(home);
        String yaml = Examples.text("hetzner-small").replace("keychain:hcloud", "env:HCLOUD_TOKEN")
                .replace("keychain:cf", "env:CF_TOKEN").replace("keychain:db", "env:DB_PASSWORD");
        Files.writeString(dir.resolve("p.yaml"), yaml);
        assertThat(RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "generated").code()).isZero();
        Path state = dir.resolve("generated/terraform/terraform.tfstate.backup"); // the stand-in rewrites terraform.tfstate itself
        Files.writeString(state, "{\"version\": 4, \"serial\": 9}");
        Path tf = RailyardProcess.standInTerraform(dir);
        Files.writeString(dir.resolve("p.yaml"), yaml.replace("    nodes: 1\n", "    nodes: 3\n"));

        Run stale = RailyardProcess.run(dir, env, "-Duser.home=" + home, "provision", "p.yaml", "--terraform", tf.toString());
        assertThat(stale.code()).as(stale.out() + stale.err()).isEqualTo(3);
        assertThat(stale.err()).contains("does not match p.yaml").contains("file(s) differ").contains(": changed")
                .contains("--regenerate");
        assertThat(dir.resolve("generated/terraform/fake-terraform.calls")).as("terraform never ran").doesNotExist();

        String said = provisionUntilApplyThenCancel(dir, home, env, "up", "p.yaml", "--terraform", tf.toString());
        assertThat(said).contains("(Terraform's state kept)").contains("Creating...");
        assertThat(state).hasContent("{\"version\": 4, \"serial\": 9}");
        Run current = RailyardProcess.run(dir, env, "-Duser.home=" + home, "resume", "p.yaml", "--help");
        assertThat(current.code()).isZero();
        assertThat(current.out()).contains("--regenerate").contains("--trust-on-first-use");
        var engine = Generator.standard(Catalog.bundled()).generate(new PlanFormat().read(dir.resolve("p.yaml")), Optional.empty());
        assertThat(dev.railyard.engine.render.ExportCheck.compare(engine, dir.resolve("generated"))).isEmpty();
    }

    /** Starts a run, waits until the stand-in terraform is creating, then sends Ctrl-C; returns everything it printed. */
    private static String provisionUntilApplyThenCancel(Path dir, Path home, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(RailyardProcess.java(), "-Duser.home=" + home, "-jar", RailyardProcess.jar()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("DISPLAY");
        Path out = Files.createTempFile(dir, "run", ".out");
        Process run = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("Creating...")) {
            assertThat(run.isAlive()).as(Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("apply started: " + Files.readString(out)).isLessThan(deadline);
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(out);
    }

    @Test
    void everyNoStoreMessageNamesTheCauseAndTheFix(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("RAILYARD_HOME", dir.resolve("fresh").toString(), "RAILYARD_SECRET_STORE", "vault");
        Run list = RailyardProcess.run(dir, env, "secret", "list");
        assertThat(list.err()).contains("RAILYARD_SECRET_STORE=vault").contains("no vault at").contains("railyard secret set NAME");
        Run set = RailyardProcess.runWithInput(dir, env, "value\n", "secret", "set", "hcloud");
        assertThat(set.code()).isEqualTo(1);
        assertThat(set.err()).contains("set RAILYARD_VAULT_PASSPHRASE").contains("nothing was stored");
        Files.writeString(dir.resolve("p.yaml"), Examples.text("hetzner-small"));
        Run generate = RailyardProcess.run(dir, env, "generate", "p.yaml", "-o", "out", "--include-secrets");
        assertThat(generate.code()).isEqualTo(1);
        assertThat(generate.err()).contains("cannot read keychain:").contains("no vault at").contains("railyard secret set");
    }

    @Test
    void wrongUsageExitsSixtyFourWithAHint(@TempDir Path dir) throws Exception {
        Run r = RailyardProcess.run(dir, Map.of(), "generate");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--help");
    }

    @Test
    void printsTheVersionFromTheBuild(@TempDir Path dir) throws Exception {
        Run r = RailyardProcess.run(dir, Map.of(), "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("railyard 0.");
        // Main answers --version without picocli, with the very lines picocli's version provider prints
        var viaPicocli = new java.io.StringWriter();
        assertThat(RailyardCli.run(new String[] {"--version"}, new java.io.PrintWriter(viaPicocli), new java.io.PrintWriter(new java.io.StringWriter())))
                .isZero();
        assertThat(r.out()).isEqualTo(viaPicocli.toString()).contains("Java ");
    }

    @Test
    void initWritesAnExampleThatLoadsAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        assertThat(RailyardProcess.run(dir, Map.of(), "init", "--example", "existing-raspberry-pi-tailscale", "-o", "pi.yaml").code()).isZero();
        assertThat(dir.resolve("pi.yaml")).hasContent(Examples.text("existing-raspberry-pi-tailscale"));
        assertThat(RailyardProcess.run(dir, Map.of(), "init", "--example", "hetzner-small", "-o", "pi.yaml").code()).isEqualTo(1);
        Run unknown = RailyardProcess.run(dir, Map.of(), "init", "--example", "nope");
        assertThat(unknown.code()).isEqualTo(64);
        assertThat(unknown.err()).contains("hetzner-small");
    }

    private static long countFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
