package dev.railyard.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.PlanFormat;
import dev.railyard.engine.plan.PlanLoadException;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.PlanRenderer;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.ssh.HostKeys;
import dev.railyard.testsupport.TerraformTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the boot tests put on a guest's NoCloud seed. The user data of a cloud server is Railyard's own
 * generated {@code cloud-init/manager.yaml} or {@code node.yaml}, filled in as main.tf's templatefile()
 * would and without the comment lines main.tf leaves out ({@link TerraformTemplates#userData}); meta-data and network-config stand in for the cloud's metadata
 * (instance id, host name, the admin's public key, a public and a private interface); vendor-data
 * installs the k3s stand-in (see {@code src/test/resources/boot/stand-in/}), because the guest is
 * offline and k3s cannot be downloaded.
 */
final class BootSeeds {

    static final ObjectMapper JSON = new ObjectMapper();

    private BootSeeds() {}

    /** A bundled example plan, with {@code replacements} (old text, new text) applied to its YAML. */
    static ClusterPlan plan(String example, Map<String, String> replacements) {
        String text;
        try (InputStream in = BootSeeds.class.getResourceAsStream("/examples/" + example + ".yaml")) {
            if (in == null) throw new IllegalArgumentException("no bundled example " + example);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) throw new IllegalArgumentException(example + " has no '" + r.getKey() + "' to replace");
            text = text.replace(r.getKey(), r.getValue());
        }
        try {
            return new PlanFormat().read(text, example + " (boot test)");
        } catch (PlanLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One generated file of the plan, exactly as {@code railyard generate} writes it. */
    static String generated(ClusterPlan plan, String path) {
        return PlanRenderer.standard().render(RenderInput.withoutSecrets(plan, Catalog.bundled())).stream()
                .filter(f -> f.path().equals(path)).map(GeneratedFile::content).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan generates no " + path));
    }

    /** A cloud server's seed: Railyard's cloud-init for it, filled as Terraform would. */
    static RealVm.Seed cloudServer(String template, String k3sConfig, HostKeys hostKey, String hostname, HostKeys admin) {
        String userData = TerraformTemplates.userData(template, Map.of("k3s_config", k3sConfig, "autoscaler_manifest", "",
                "host_key_private", hostKey.privateKeyPem(), "host_key_public", hostKey.publicKeyLine()));
        return new RealVm.Seed(userData, metaData(hostname, admin), networkConfig(), vendorData());
    }

    /**
     * An existing server as its owner set it up: a user with the admin's key and the host key the admin
     * confirmed (so the test can pin it), nothing of Railyard. The k3s stand-in is there for the install
     * script to find, as in every boot test.
     */
    static RealVm.Seed plainHost(HostKeys hostKey, String hostname, HostKeys admin) {
        String userData = "#cloud-config\n"
                + "# boot tests: a plain host with a user and a key (Debian's default user), nothing of Railyard\n"
                + "ssh_deletekeys: true\n"
                + "ssh_genkeytypes: [ed25519]\n"
                + "ssh_keys:\n"
                + "  ed25519_private: " + json(hostKey.privateKeyPem()) + "\n"
                + "  ed25519_public: " + json(hostKey.publicKeyLine()) + "\n";
        return new RealVm.Seed(userData, metaData(hostname, admin), networkConfig(), vendorData());
    }

    /** The cloud's metadata: NoCloud reads the admin's key from public-keys for the default user (debian). */
    static String metaData(String hostname, HostKeys admin) {
        return "instance-id: railyard-boot-" + hostname + "\n"
                + "local-hostname: " + hostname + "\n"
                + "public-keys:\n"
                + "  - " + json(admin.publicKeyLine()) + "\n";
    }

    /**
     * The cloud's network configuration: the public interface by DHCP, and the private network's
     * interface under Hetzner's name (ens10) with a fixed address, as a Hetzner server gets them.
     */
    static String networkConfig() {
        return "version: 2\n"
                + "ethernets:\n"
                + "  eth0:\n"
                + "    match:\n"
                + "      macaddress: \"" + RealVm.PUBLIC_MAC + "\"\n"
                + "    set-name: eth0\n"
                + "    dhcp4: true\n"
                + "  " + RealVm.PRIVATE_INTERFACE + ":\n"
                + "    match:\n"
                + "      macaddress: \"" + RealVm.PRIVATE_MAC + "\"\n"
                + "    set-name: " + RealVm.PRIVATE_INTERFACE + "\n"
                + "    addresses: [" + RealVm.PRIVATE_ADDRESS + "/24]\n";
    }

    /** Installs the stand-ins for k3s's download (a curl wrapper) and install script before runcmd runs. */
    static String vendorData() {
        Path dir = VmImage.projectDir().resolve("src/test/resources/boot/stand-in");
        try {
            return "#!/bin/bash\n"
                    + "# Railyard boot tests: installs the STAND-INs for k3s (the guest is offline); see src/test/resources/boot/stand-in/\n"
                    + "set -euo pipefail\n"
                    + "install -d -m 0755 /usr/local/lib/railyard-stand-in /var/lib/railyard-stand-in\n"
                    + "cat > /usr/local/lib/railyard-stand-in/k3s-install.sh <<'RAILYARD_STAND_IN'\n"
                    + Files.readString(dir.resolve("k3s-install.sh"))
                    + "RAILYARD_STAND_IN\n"
                    + "cat > /usr/local/bin/curl <<'RAILYARD_STAND_IN'\n"
                    + Files.readString(dir.resolve("curl"))
                    + "RAILYARD_STAND_IN\n"
                    + "chmod 0755 /usr/local/lib/railyard-stand-in/k3s-install.sh /usr/local/bin/curl\n"
                    + "# for a guest the test cannot reach over SSH: where it listens, on the serial console (RealVm quotes it)\n"
                    + "ss -ltnH | sed 's/^/" + RealVm.DIAGNOSTIC + " listening: /' || true\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
