package dev.railyard.bench;

/** The baseline: a bare JVM that prints one line and exits. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
