package dev.railyard.engine.demo;

/**
 * A server the simulated Terraform created: its name (as Railyard's Terraform names it), public address (from
 * 203.0.113.0/24, TEST-NET-3, which no real server has), private address, role, and the SSH host key cloud-init
 * installed on it (the one Railyard generated and passed to Terraform).
 */
public record SimulatedServer(String name, String address, String privateAddress, boolean manager, String hostKeyLine) {}
