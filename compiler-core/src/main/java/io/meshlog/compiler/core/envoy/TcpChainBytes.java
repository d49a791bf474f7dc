package io.meshlog.compiler.core.envoy;

/**
 * One service port's TCP/TLS filter chain, serialized once per IR change and kept with the unit, so the port's
 * listener is reassembled from bytes (see {@link SidecarListenerBytes}).
 *
 * @param match the serialized filter_chain_match alone: two chains with equal bytes match the same connections
 *     (Envoy rejects such a listener), so the aggregate keeps the first
 * @param chain the serialized FilterChain
 * @param needsTlsInspector whether the chain matches SNI, which Envoy reads only with the TLS inspector
 */
public record TcpChainBytes(byte[] match, byte[] chain, boolean needsTlsInspector) {}
