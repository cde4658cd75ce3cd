package dev.tracehound.client;

/** Quarantined evidence as the daemon reports it: everything but the bytes. */
public record EvidenceHandle(
    String signature,
    String hash,
    long size,
    long capturedMs,
    Severity severity,
    boolean disposed) {}
