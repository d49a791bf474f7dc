package io.meshlog.mesh;

/**
 * A service port.
 *
 * @param targetPort port on the endpoints; 0 means the same as {@code number}
 */
public record ServicePort(int number, String name, String protocol, int targetPort) {}
