package dev.railyard.engine.validate;

/** Errors block generation and provisioning; warnings are shown but allowed. */
public enum Severity {
    ERROR, WARNING
}
