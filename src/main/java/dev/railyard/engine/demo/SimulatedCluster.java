package dev.railyard.engine.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated k3s cluster's controllers: what the kubelets, k3s's Helm controller, cert-manager and the platform's
 * installer would do to the API's objects, on the demo's clock. It starts broken the way the seed describes (see
 * {@link PodNetwork}) until {@link #openVxlan()}, the fix of RY-DNS-001.
 *
 * <p>The controllers catch up with the clock whenever fabric8 asks the API something, under this object's lock, which
 * also guards what the simulated servers and coderd tell it; the parts are {@link K3sSystem}, {@link GitpodWorkloads}
 * and {@link CoderWorkloads}.
 */
final class SimulatedCluster {

    private final KubeApi api;
    private final ClusterTimeline timeline;
    private final PodNetwork network = new PodNetwork();
    private final K3sSystem k3s;
    private final GitpodWorkloads gitpod;
    private final CoderWorkloads coder;
    private final boolean coderPlatform;
    private final List<SimulatedServer> servers = new ArrayList<>();
    private Instant started;

    SimulatedCluster(KubeApi api, Pace pace, String k3sVersion, boolean shiftfs, boolean coder) {
        this.api = api;
        this.timeline = new ClusterTimeline(pace);
        ClusterObjects objects = new ClusterObjects(api, pace, k3sVersion);
        this.k3s = new K3sSystem(api, objects, timeline);
        this.gitpod = new GitpodWorkloads(api, objects, timeline, network, shiftfs);
        this.coder = new CoderWorkloads(api, objects, timeline, network);
        this.coderPlatform = coder;
        api.beforeEveryRequest(a -> reconcile());
    }

    KubeApi api() {
        return api;
    }

    /** k3s came up on the managers and the agents joined: the nodes register (not Ready yet) and the system pods start. */
    synchronized void start(List<SimulatedServer> list) {
        if (started != null) return;
        started = timeline.now();
        servers.addAll(list);
        k3s.start(servers);
        if (coderPlatform) coder.start(servers);
    }

    /** Where the access URL's DNS records point (the summary's A records): the first manager's public address. */
    synchronized Optional<String> ingressAddress() {
        return servers.isEmpty() ? Optional.empty() : Optional.of(servers.get(0).address());
    }

    /**
     * Whether coderd is rolled out and so answers its API. Not synchronized: the rollout happens when the cluster's API
     * is asked (the steps wait for it there first), and taking this lock from coderd's side could deadlock with it.
     */
    boolean coderdServing() {
        return coder.coderdServing();
    }

    /** The template is in Coder: its owner starts a first workspace from it at once (as the run's summary says to). */
    synchronized void templatePushed(String owner) {
        coder.templatePushed(owner);
    }

    /** The fix: flannel's VXLAN port let through between the servers. */
    synchronized void openVxlan() {
        network.openVxlan();
    }

    boolean vxlanOpen() {
        return network.vxlanOpen();
    }

    private synchronized void reconcile() {
        if (started == null) return;
        k3s.reconcile(servers, started);
        gitpod.reconcile(servers);
        if (coderPlatform) coder.reconcile(servers);
    }
}
