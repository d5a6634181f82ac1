package dev.railyard.engine.cluster;

import java.time.Duration;

/** Looks at one port of one host from the machine Railyard runs on. */
public interface HostProbe {
    HostProbeResult probe(String host, int port, Duration timeout);
}
