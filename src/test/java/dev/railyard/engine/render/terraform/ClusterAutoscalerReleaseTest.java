package dev.railyard.engine.render.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterAutoscalerReleaseTest {

    @ParameterizedTest
    @CsvSource({
            "v1.31.4+k3s1, v1.31.5",
            "v1.32.11+k3s1, v1.32.7",
            "v1.33.7+k3s1, v1.33.6",
            "v1.35.0+k3s2, v1.35.2",
    })
    void picksTheAutoscalerOfTheSameKubernetesMinor(String k3s, String imageTag) {
        ClusterAutoscalerRelease release = ClusterAutoscalerRelease.forK3s(k3s);

        assertThat(release.imageTag()).isEqualTo(imageTag);
        assertThat(release.image()).isEqualTo("registry.k8s.io/autoscaling/cluster-autoscaler");
        assertThat(release.chartVersion()).isEqualTo("9.59.0");
    }

    @ParameterizedTest
    @CsvSource({"v1.28.15+k3s1, v1.30.7", "v1.40.1+k3s1, v1.35.2"})
    void outsideTheKnownMinorsTakesTheNearestOne(String k3s, String imageTag) {
        assertThat(ClusterAutoscalerRelease.forK3s(k3s).imageTag()).isEqualTo(imageTag);
    }

    @Test
    void rejectsAVersionThatIsNotAK3sReleaseNamingTheField() {
        assertThatThrownBy(() -> ClusterAutoscalerRelease.forK3s("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.k3s.version")
                .hasMessageContaining("v1.33.7+k3s1");
    }
}
