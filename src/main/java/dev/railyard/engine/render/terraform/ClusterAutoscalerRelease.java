package dev.railyard.engine.render.terraform;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster-autoscaler Railyard installs for preset {@code large}: one pinned Helm chart and an image whose
 * minor version follows the cluster's Kubernetes minor (the autoscaler's simulation mirrors the scheduler of
 * the same minor, so its project recommends matching them).
 */
public record ClusterAutoscalerRelease(String chartRepo, String chart, String chartVersion, String image, String imageTag) {

    /** Chart 9.59.0 (July 2026) renders {@code --nodes} with the five Hetzner fields and reads Azure credentials from a secret. */
    static final String CHART_VERSION = "9.59.0";
    static final String IMAGE = "registry.k8s.io/autoscaling/cluster-autoscaler";

    /** The newest patch release of each autoscaler minor, checked against the project's tags in July 2026. */
    private static final Map<Integer, String> IMAGE_TAG_BY_MINOR = Map.of(
            30, "v1.30.7",
            31, "v1.31.5",
            32, "v1.32.7",
            33, "v1.33.6",
            34, "v1.34.5",
            35, "v1.35.2");
    private static final int OLDEST_MINOR = 30;
    private static final int NEWEST_MINOR = 35;

    private static final Pattern K3S_VERSION = Pattern.compile("v1\\.(\\d+)\\.\\d+\\+k3s\\d+");

    /** The values the autoscaler templates refer to as {@code autoscaler.*}. */
    Map<String, Object> templateValues() {
        return Map.of("chartRepo", chartRepo, "chart", chart, "chartVersion", chartVersion, "image", image, "imageTag", imageTag);
    }

    /** The release matching a k3s version such as {@code v1.33.7+k3s1}; outside the table, the nearest known minor. */
    public static ClusterAutoscalerRelease forK3s(String k3sVersion) {
        Matcher m = K3S_VERSION.matcher(k3sVersion == null ? "" : k3sVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException("spec.k3s.version must look like v1.33.7+k3s1 to choose a cluster-autoscaler, got '"
                    + k3sVersion + "'");
        }
        int minor = Math.max(OLDEST_MINOR, Math.min(NEWEST_MINOR, Integer.parseInt(m.group(1))));
        return new ClusterAutoscalerRelease("https://kubernetes.github.io/autoscaler", "cluster-autoscaler",
                CHART_VERSION, IMAGE, IMAGE_TAG_BY_MINOR.get(minor));
    }
}
