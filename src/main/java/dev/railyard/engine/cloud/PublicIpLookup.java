package dev.railyard.engine.cloud;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "My current IP" for the admin CIDRs: asks a what-is-my-IP service (plain-text answer) and returns
 * the address as a single-host CIDR. Offline, or on any odd answer, it returns empty: the user types.
 */
public final class PublicIpLookup {

    public static final URI DEFAULT_SERVICE = URI.create("https://api.ipify.org");
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:]{2,45}");

    private final HttpClient http;
    private final URI service;

    public PublicIpLookup(HttpClient http, URI service) {
        this.http = http;
        this.service = service;
    }

    public Optional<String> lookup() {
        try {
            HttpRequest request = HttpRequest.newBuilder(service).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body().trim();
            if (response.statusCode() != 200 || !ADDRESS.matcher(text).matches()) return Optional.empty();
            // A literal only (the pattern excludes names), so this does no DNS lookup.
            InetAddress address = InetAddress.getByName(text);
            return Optional.of(address.getHostAddress() + (text.contains(":") ? "/128" : "/32"));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
