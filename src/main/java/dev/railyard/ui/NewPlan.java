package dev.railyard.ui;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Coder;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Network;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Size;
import dev.railyard.engine.plan.Spec;
import java.util.List;

/** The plan "New project" starts from: safe defaults everywhere, nothing personal (no domain, no keys). */
final class NewPlan {

    private NewPlan() {}

    static ClusterPlan create() {
        Spec spec = new Spec(
                new Provider(Provider.HETZNER, new Provider.Hetzner("fsn1", null), null, null),
                new Size(Size.SMALL, 1, 1, null, "cx43", "cx43"),
                new Spec.K3s(Spec.K3s.GITPOD_VERSION),
                new Spec.SshKey("~/.ssh/id_ed25519.pub"),
                new Network(Network.DEFAULT_SSH_PORT, List.of(), Network.DEFAULT_PRIVATE_CIDR, Network.DEFAULT_POD_CIDR,
                        Network.DEFAULT_SERVICE_CIDR, new Network.Tailscale(false, null, null, null, null)),
                new Gitpod(null, new Gitpod.BlockNewUsers(false, List.of()),
                        new Gitpod.Tls(Gitpod.Tls.CERT_MANAGER, null, new Gitpod.Dns01(Gitpod.Dns01.CLOUDFLARE, null), null, null),
                        new Gitpod.Database(true, null, null, null, null), new Gitpod.Registry(true, null, null, null),
                        new Gitpod.Storage(true, null, null, null, null, null), new Gitpod.Workspace(Gitpod.Workspace.SHIFTFS), null));
        return new ClusterPlan(ClusterPlan.API_VERSION, ClusterPlan.KIND, new ClusterPlan.Metadata(null), spec);
    }

    /** A new plan for {@code platform}: Coder's section starts with its defaults (in-cluster PostgreSQL, envbox). */
    static ClusterPlan create(dev.railyard.engine.plan.Platform platform) {
        ClusterPlan plan = create();
        if (platform == dev.railyard.engine.plan.Platform.GITPOD) return plan;
        Coder coder = new Coder(null, new Gitpod.Tls(Gitpod.Tls.CERT_MANAGER, null, new Gitpod.Dns01(Gitpod.Dns01.CLOUDFLARE, null), null, null),
                new Coder.Database(true, null), new Coder.Admin("admin", null, null), new Coder.Workspaces(Coder.Workspaces.ENVBOX));
        return plan.withSpec(plan.spec().withPlatform(platform).withCoder(coder));
    }
}
