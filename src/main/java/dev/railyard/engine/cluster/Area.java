package dev.railyard.engine.cluster;

/** The part of the cluster a finding is about; the panel groups findings by it. */
public enum Area {
    NODES("NODE", "Nodes"),
    PODS("POD", "Crash loops"),
    DNS("DNS", "Cluster DNS"),
    TAILSCALE("TS", "Tailscale"),
    HOST_SSH("SSH", "Host SSH"),
    SHIFTFS("SHIFTFS", "shiftfs"),
    TLS("TLS", "TLS certificate"),
    GITPOD("GITPOD", "Gitpod workloads"),
    ISOLATION("ISO", "Workspace isolation"),
    CODER("CODER", "Coder"),
    OTHER("", "Other");

    private final String codePart;
    private final String label;

    Area(String codePart, String label) {
        this.codePart = codePart;
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code RY-DNS-001} belongs to {@link #DNS}: the middle part of the code names the area. */
    public static Area ofCode(String code) {
        String[] parts = code.split("-");
        if (parts.length >= 3) {
            for (Area area : values()) {
                if (area.codePart.equals(parts[1])) return area;
            }
        }
        return OTHER;
    }
}
