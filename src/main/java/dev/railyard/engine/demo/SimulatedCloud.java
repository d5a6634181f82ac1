package dev.railyard.engine.demo;

import java.util.ArrayList;
import java.util.List;

/** The servers the simulated Terraform created, managers first; what the simulated SSH and cluster see. */
final class SimulatedCloud {

    private final List<SimulatedServer> servers = new ArrayList<>();

    synchronized void created(List<SimulatedServer> list) {
        servers.clear();
        servers.addAll(list);
    }

    synchronized List<SimulatedServer> servers() {
        return List.copyOf(servers);
    }

    synchronized java.util.Optional<SimulatedServer> at(String address) {
        return servers.stream().filter(s -> s.address().equals(address)).findFirst();
    }
}
