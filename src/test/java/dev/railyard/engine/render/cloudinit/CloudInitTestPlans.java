package dev.railyard.engine.render.cloudinit;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;

/** Variants of the bundled examples that no example ships. */
public final class CloudInitTestPlans {

    private CloudInitTestPlans() {}

    /** The plan with the user's own certificate (spec.gitpod.tls.mode upload) instead of cert-manager. */
    public static ClusterPlan withUploadTls(ClusterPlan plan) {
        Gitpod g = plan.spec().gitpod();
        return plan.withSpec(plan.spec().withGitpod(new Gitpod(g.domain(), g.blockNewUsers(),
                new Gitpod.Tls(Gitpod.Tls.UPLOAD, null, null, "file:/home/ops/gitpod.crt", "keychain:gitpod-tls-key"),
                g.database(), g.registry(), g.storage(), g.workspace(), g.installerImage())));
    }
}
