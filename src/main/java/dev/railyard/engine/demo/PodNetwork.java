package dev.railyard.engine.demo;

/**
 * The seed's breakage and its fix: the cloud firewall drops flannel's VXLAN (8472/udp) between the servers, so a pod
 * on any node but the first manager (where CoreDNS runs) cannot reach {@link #DNS_ADDRESS} and its lookups time out,
 * until {@link #openVxlan()} (the fix of RY-DNS-001) lets the traffic through.
 */
final class PodNetwork {

    /** kube-dns's ClusterIP on k3s. */
    static final String DNS_ADDRESS = "10.43.0.10";

    /** Read without the cluster's lock (the world asks whether the fix is in), so volatile. */
    private volatile boolean vxlanOpen;

    void openVxlan() {
        vxlanOpen = true;
    }

    boolean vxlanOpen() {
        return vxlanOpen;
    }

    /** Whether a pod on the node at {@code nodeIndex} (0: the manager with CoreDNS) gets answers from cluster DNS. */
    boolean reachesDns(int nodeIndex) {
        return nodeIndex == 0 || vxlanOpen;
    }

    /** The error Go's resolver gives a pod at {@code podAddress} ("10.42.1.7:41003") whose lookup of {@code host} is dropped. */
    static String lookupTimeout(String host, String podAddress) {
        return "dial tcp: lookup " + host + " on " + DNS_ADDRESS + ":53: read udp " + podAddress + "->" + DNS_ADDRESS + ":53: i/o timeout";
    }
}
