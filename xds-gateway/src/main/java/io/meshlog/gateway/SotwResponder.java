package io.meshlog.gateway;

import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.XdsRequest;
import io.meshlog.schemas.XdsTypes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * State-of-the-world decisions: what a request should be answered with now, or null to keep the watch open.
 * The rule is "answer only when what the proxy would get differs from what this stream last sent it", so an
 * ACK, a NACK (same versions: not re-sent) and a request for names that do not exist yet (kept open) all
 * follow from one comparison.
 */
final class SotwResponder {
  private SotwResponder() {}

  /** A response and the shared answer it carries. */
  record Reply(Response response, SotwAnswers.Answer answer) {}

  /**
   * The reply for this request against this snapshot, or null; records what it sends in the stream. The
   * answer comes from {@code answers}, shared with every stream asking the same of the same snapshot.
   */
  static Reply respond(StreamState stream, XdsRequest request, ClassSnapshot snapshot, SotwAnswers answers) {
    String type = request.getTypeUrl();
    List<String> names = request.getResourceNamesList();
    boolean wildcard = isWildcard(type, names);
    SotwAnswers.Answer answer = answers.get(snapshot, type, names, wildcard);
    Map<String, String> view = answer.view();

    // A client that drops a name and asks for it again (grpc-java unsubscribes clusters whose weight drops to 0)
    // has forgotten the resource: answer even though its version has not changed since it was last sent.
    Set<String> previousNames = stream.sotwNames.put(type, Set.copyOf(names));
    boolean askedAgain = !wildcard && previousNames != null && !previousNames.containsAll(names);
    Map<String, String> sent = stream.sotwSent.get(type);
    if (sent == null) {
      // First answer on this stream: an empty answer only means something for a wildcard ("none exist").
      if (view.isEmpty() && !wildcard) {
        return null;
      }
    } else if (!askedAgain && (sent == view || restrict(sent, wildcard, names).equals(view))) {
      return null; // sent == view: the stream already has this very answer (an ACK), the common case
    }
    stream.sotwSent.put(type, view); // shared and immutable: never modified in place
    return new Reply(Response.create(request, answer.resources(), answer.version()), answer);
  }

  /** LDS and CDS with no names (or "*") ask for everything; RDS/EDS with no names ask for nothing. */
  static boolean isWildcard(String type, List<String> names) {
    boolean wildcardType = XdsTypes.LISTENER.equals(type) || XdsTypes.CLUSTER.equals(type);
    return names.contains("*") || (wildcardType && names.isEmpty());
  }

  private static Map<String, String> restrict(Map<String, String> sent, boolean wildcard, List<String> names) {
    if (wildcard) {
      return sent;
    }
    Map<String, String> out = new TreeMap<>();
    for (String n : names) {
      String v = sent.get(n);
      if (v != null) {
        out.put(n, v);
      }
    }
    return out;
  }
}
