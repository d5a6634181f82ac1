package dev.railyard.engine.run;

import dev.railyard.engine.images.GitpodImages;
import dev.railyard.engine.images.ImageRegistry;
import dev.railyard.engine.images.RegistryClient;
import dev.railyard.engine.plan.Gitpod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Before anything is created: can the cluster pull every image Gitpod 2022.11.3 needs? Asks each registry
 * for every manifest (the installer image and the images the installer renders, from the list Railyard ships)
 * and stops the run, naming what is missing and the ways out, while nothing costs money yet. A registry that
 * cannot be reached from here is reported as not verified, not as missing: the cluster may see it when this
 * machine does not.
 */
public final class ImagePreflight implements Step {

    static final int PARALLEL = 8;

    private final List<String> images;
    private final ImageRegistry registry;
    private final String repository;

    public ImagePreflight(List<String> images, ImageRegistry registry, String repository) {
        this.images = List.copyOf(images);
        this.registry = registry;
        this.repository = repository;
    }

    /** The installer image first, then every image the installer renders for this plan. */
    public static List<String> imagesFor(Gitpod gitpod, String installerImage) {
        List<String> all = new ArrayList<>();
        all.add(installerImage);
        for (String i : GitpodImages.release2022_11_3().images(gitpod.repository(), gitpod.workspace().usesShiftfs())) {
            if (!all.contains(i)) all.add(i);
        }
        return all;
    }

    @Override
    public String name() {
        return "images";
    }

    @Override
    public String title() {
        return "Preflight: can every Gitpod image be pulled?";
    }

    @Override
    public boolean isPreflight() {
        return true;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        ctx.info("asking the registries for " + images.size() + " images (Gitpod 2022.11.3, repository " + repository + ")");
        List<RegistryClient.Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "image-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RegistryClient.Result>> futures = new ArrayList<>();
            for (String image : images) futures.add(pool.submit(() -> registry.check(image)));
            for (Future<RegistryClient.Result> f : futures) {
                ctx.cancellation().throwIfCancelled();
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> missing = new ArrayList<>();
        int present = 0;
        int unverified = 0;
        for (RegistryClient.Result r : results) {
            switch (r.status()) {
                case PRESENT -> present++;
                case MISSING -> {
                    missing.add(r.image());
                    ctx.error(r.image() + ": " + r.detail());
                }
                case UNREACHABLE -> {
                    unverified++;
                    ctx.warn(r.image() + ": not verified, " + r.detail());
                }
            }
        }
        ctx.info(present + " of " + images.size() + " images present" + (unverified == 0 ? "" : ", " + unverified
                + " not verified (their registry did not answer from this machine; the cluster will try them)"));
        if (!missing.isEmpty()) {
            throw new StepFailedException(missing.size() + " image(s) Gitpod 2022.11.3 needs cannot be pulled: "
                    + String.join(", ", missing) + ". Nothing has been created. Ways out: copy the images into a registry you"
                    + " control and set spec.gitpod.repository to it (README, \"Mirroring Gitpod's images\"), or run Coder"
                    + " instead of Gitpod on this cluster");
        }
    }
}
