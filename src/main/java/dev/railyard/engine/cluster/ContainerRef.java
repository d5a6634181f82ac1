package dev.railyard.engine.cluster;

/** One container of one pod: the key under which its recent log lines are kept. */
public record ContainerRef(String namespace, String pod, String container) {
    @Override
    public String toString() {
        return namespace + "/" + pod + " (" + container + ")";
    }
}
