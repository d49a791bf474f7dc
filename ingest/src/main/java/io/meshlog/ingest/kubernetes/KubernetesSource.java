package io.meshlog.ingest.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshlog.ingest.SourceSync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin shell over one cluster: fabric8 informers keep Namespaces, Services, EndpointSlices, Pods, Nodes and
 * the Istio config kinds the cluster serves in memory; any change (or resync) schedules one recompute of the
 * whole {@link ClusterSnapshot}, which
 * {@link SourceSync} turns into exactly the events that differ. Events arriving close together coalesce into
 * one sync, and a failed sync (Kafka away) is retried.
 */
public final class KubernetesSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubernetesSource.class);
  private static final long COALESCE_MS = 50;
  private static final long RETRY_MS = 1000;
  private static final long RESYNC_MS = 60_000;

  private final KubernetesClient client;
  private final ClusterSnapshot.Settings settings;
  private final SourceSync sync;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Namespace> namespaces;
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<EndpointSlice> slices;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Node> nodes;
  private final List<SharedIndexInformer<GenericKubernetesResource>> istio = new ArrayList<>();
  private volatile boolean synced;

  private KubernetesSource(KubernetesClient client, ClusterSnapshot.Settings settings, SourceSync sync) {
    this.client = client;
    this.settings = settings;
    this.sync = sync;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kubernetes-" + settings.clusterId());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the informers (each blocks for its initial list) and runs the first full sync in the background. */
  public static KubernetesSource start(KubernetesClient client, ClusterSnapshot.Settings settings, SourceSync sync) {
    KubernetesSource source = new KubernetesSource(client, settings, sync);
    source.namespaces = source.watch(client.namespaces().inform(source.handler(), RESYNC_MS));
    source.services = source.watch(client.services().inAnyNamespace().inform(source.handler(), RESYNC_MS));
    source.slices = source.watch(
        client.discovery().v1().endpointSlices().inAnyNamespace().inform(source.handler(), RESYNC_MS));
    source.pods = source.watch(client.pods().inAnyNamespace().inform(source.handler(), RESYNC_MS));
    // Optional: without them (no RBAC for Nodes, no Istio installed) the cluster is still read.
    source.nodes = source.optional("Nodes", () -> client.nodes().inform(source.handler(), RESYNC_MS));
    for (ResourceDefinitionContext kind : IstioKinds.served(client)) {
      SharedIndexInformer<GenericKubernetesResource> informer = source.optional(kind.getKind(),
          () -> client.genericKubernetesResources(kind).inAnyNamespace().inform(source.handler(), RESYNC_MS));
      if (informer != null) {
        source.istio.add(informer);
        log.info("cluster {}: watching {}/{} {}", settings.clusterId(), kind.getGroup(), kind.getVersion(),
            kind.getKind());
      }
    }
    // Never sync a half-listed cluster: that would delete what the informers have not listed yet.
    source.synced = true;
    source.schedule(0);
    log.info("watching cluster {} at {}", settings.clusterId(), client.getMasterUrl());
    return source;
  }

  private <T> SharedIndexInformer<T> watch(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  private <T> SharedIndexInformer<T> optional(String what, Supplier<SharedIndexInformer<T>> start) {
    try {
      return watch(start.get());
    } catch (KubernetesClientException e) {
      log.warn("cluster {}: cannot watch {}, reading it without them: {}", settings.clusterId(), what, e.getMessage());
      return null;
    }
  }

  private <T> ResourceEventHandler<T> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        schedule(COALESCE_MS);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        schedule(COALESCE_MS);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        schedule(COALESCE_MS);
      }
    };
  }

  private void schedule(long delayMs) {
    if (synced && scheduled.compareAndSet(false, true)) {
      executor.schedule(this::run, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void run() {
    scheduled.set(false);
    try {
      List<GenericKubernetesResource> istioObjects = new ArrayList<>();
      istio.forEach(i -> istioObjects.addAll(i.getStore().list()));
      sync.sync(ClusterSnapshot.build(settings, new ClusterState(namespaces.getStore().list(),
          services.getStore().list(), slices.getStore().list(), pods.getStore().list(),
          nodes == null ? List.of() : nodes.getStore().list(), istioObjects)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("cluster {}: sync failed, retrying: {}", settings.clusterId(), e.getMessage());
      schedule(RETRY_MS);
    }
  }

  @Override
  public void close() {
    synced = false;
    informers.forEach(SharedIndexInformer::close);
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
