package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/** Checks every boot test makes the same way. */
final class BootAssertions {

    private BootAssertions() {}

    /**
     * {@code cloud-init status --long} says done and exits 0; cloud-init's result.json lists no error; and
     * its log has no WARNING, which is what newer cloud-init (23.4+, on Ubuntu) reports as "recoverable
     * errors" (the guest's cloud-init 22.4 only logs them).
     */
    static void cloudInitDoneWithoutErrors(Guest guest) {
        RealVm.Result status = guest.run("cloud-init status --long");
        assertThat(status.exit()).as("cloud-init status --long:%n%s%noutput log:%n%s", status.output(), guest.outputLog()).isZero();
        assertThat(status.output()).contains("status: done");
        JsonNode result = guest.cloudInitResult();
        assertThat(result.path("v1").path("errors")).as("result.json: %s", result).isEmpty();
        List<String> warnings = Arrays.stream(guest.root("cat /var/log/cloud-init.log").split("\n"))
                .filter(line -> line.contains(" WARNING]") || line.contains("WARNING:") || line.contains("Traceback")).toList();
        assertThat(warnings).as("warnings in /var/log/cloud-init.log (recoverable errors)").isEmpty();
    }
}
