package dev.railyard.engine.plan;

/**
 * The workspace platform a plan installs on its cluster: the one thing that decides which section of
 * {@code spec} ({@code gitpod} or {@code coder}) the renderers, the run and the health checks read.
 */
public enum Platform {
    /** Gitpod's last self-hosted release, 2022.11: amd64 only, tested upstream up to Kubernetes 1.24. */
    GITPOD("gitpod", "Gitpod 2022.11"),
    /** Coder v2: a Helm chart on current Kubernetes, amd64 and arm64, workspaces as Terraform templates. */
    CODER("coder", "Coder");

    private final String key;
    private final String title;

    Platform(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The key of the plan's section for this platform, {@code spec.<key>}. */
    public String key() {
        return key;
    }

    /** How people call it, for messages and the README. */
    public String title() {
        return title;
    }
}
