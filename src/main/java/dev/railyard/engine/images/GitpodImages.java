package dev.railyard.engine.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The images a Gitpod 2022.11.3 install pulls, from the list shipped in {@code gitpod/images-2022.11.3.txt}
 * (its header says how it was derived from Gitpod's source), resolved the way the installer names them for a
 * given {@code repository}.
 */
public final class GitpodImages {

    /** The installer's {@code repository} default (install/installer/pkg/config/v1/config.go at 2022.11.3). */
    public static final String DEFAULT_REPOSITORY = "eu.gcr.io/gitpod-core-dev/build";
    /** The installer image of the 2022.11.3 release (install/kots/manifests/gitpod-installer-job.yaml at 2022.11.3). */
    public static final String INSTALLER_TAG = "release-2022.11.3";
    public static final String RESOURCE = "/gitpod/images-2022.11.3.txt";
    /** Bitnami's versioned images moved here (bitnami/containers#83267); the old tags are gone from docker.io/bitnami. */
    public static final String BITNAMI = "docker.io/bitnami/";
    public static final String BITNAMI_LEGACY = "docker.io/bitnamilegacy/";
    /** The same rewrite as a sed expression, for the installer's rendered manifests (busybox and GNU sed). */
    public static final String BITNAMI_SED = "s#docker\\.io/bitnami/#docker.io/bitnamilegacy/#g";

    /** One line of the shipped list. */
    public record Listed(String image, String when) {
        public boolean neededWith(boolean shiftfs) {
            return "all".equals(when) || ("shiftfs".equals(when) && shiftfs);
        }
    }

    private final List<Listed> listed;

    private GitpodImages(List<Listed> listed) {
        this.listed = List.copyOf(listed);
    }

    public static GitpodImages release2022_11_3() {
        try (InputStream in = GitpodImages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            List<Listed> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] cols = l.split("\\s+");
                if (cols.length != 2) throw new IllegalStateException(RESOURCE + ": expected 'image when', got: " + l);
                out.add(new Listed(cols[0], cols[1]));
            }
            return new GitpodImages(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Listed> listed() {
        return listed;
    }

    /** The installer's repository for a plan's {@code spec.gitpod.repository} (blank: the default). */
    public static String repository(String planRepository) {
        if (planRepository == null || planRepository.isBlank()) return DEFAULT_REPOSITORY;
        return planRepository.strip().replaceAll("/+$", "");
    }

    /** The installer image: set on its own, or {@code <repository>/installer:release-2022.11.3}. */
    public static String installerImage(String planRepository, String planInstallerImage) {
        if (planInstallerImage != null && !planInstallerImage.isBlank()) return planInstallerImage.strip();
        return repository(planRepository) + "/installer:" + INSTALLER_TAG;
    }

    /**
     * Every image the cluster will pull for this repository, without the installer: Gitpod's own under the
     * repository; third-party ones as the installer renders them (their registry replaced by a custom
     * repository; with the default one, Bitnami's moved to bitnamilegacy, as Railyard rewrites them).
     */
    public List<String> images(String planRepository, boolean shiftfs) {
        String repo = repository(planRepository);
        boolean custom = !repo.equals(DEFAULT_REPOSITORY);
        Set<String> out = new LinkedHashSet<>();
        for (Listed l : listed) {
            if (!l.neededWith(shiftfs)) continue;
            String image = l.image();
            if (image.startsWith(DEFAULT_REPOSITORY + "/")) {
                out.add(repo + image.substring(DEFAULT_REPOSITORY.length()));
            } else if (custom) {
                out.add(repo + "/" + image.substring(image.indexOf('/') + 1));
            } else {
                out.add(rewriteBitnami(image));
            }
        }
        return List.copyOf(out);
    }

    /** docker.io/bitnami/x:tag to docker.io/bitnamilegacy/x:tag; anything else unchanged. */
    public static String rewriteBitnami(String image) {
        return image.startsWith(BITNAMI) ? BITNAMI_LEGACY + image.substring(BITNAMI.length()) : image;
    }
}
