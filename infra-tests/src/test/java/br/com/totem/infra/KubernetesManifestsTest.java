package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Renders every overlay of infra/k8s with {@code kubectl kustomize} (the Debian package
 * {@code kubectl}; .ci/run installs it), parses every object with fabric8's typed Kubernetes
 * model and checks what must hold on a cluster we cannot run here: probes, limits, hardened
 * pods, pinned images, no secret values, every Service / autoscaler / disruption budget aimed
 * at a Deployment, and the network policies (only the gateway reachable from the ingress; the
 * services only from the gateway and Prometheus).
 */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("staging", "production", "production-green");
    static final Map<String, String> NAMESPACES = Map.of("staging", "totem-staging", "production", "totem", "production-green", "totem-green");
    static final Set<String> SERVICES = Set.of("gateway", "ticket-service", "payment-service", "queue-service",
            "print-service", "report-service");
    static final Set<String> SANDBOXES = Set.of("pix-psp", "escpos-printer");
    static final String WEBHOOK_PATH = "/api/v1/payments/webhook";
    /**
     * A pinned image: our own images by the commit CI built them from, others by full version
     * (x.y.z; PostgreSQL's versions have two parts, so x.y for its images), or a digest.
     */
    static final Pattern PINNED = Pattern.compile(".+(@sha256:[0-9a-f]{64}|:sha-[0-9a-f]{7,40}|:\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?)"
            + "|.+/postgresql:\\d+\\.\\d+(-[A-Za-z0-9.-]+)?");
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|_KEY|_KEYS|CREDENTIAL).*");

    private static final Map<String, List<HasMetadata>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        if (!RENDERED.isEmpty()) {
            return;
        }
        var serialization = new KubernetesSerialization();
        for (String overlay : OVERLAYS) {
            String yaml = kustomize(Repo.root().resolve("infra/k8s/overlays").resolve(overlay));
            List<HasMetadata> objects = new ArrayList<>();
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.isBlank()) {
                    continue;
                }
                Object parsed = serialization.unmarshal(doc);
                assertThat(parsed).as("%s: every rendered document is one Kubernetes object:%n%s", overlay, doc)
                        .isInstanceOf(HasMetadata.class);
                objects.add((HasMetadata) parsed);
            }
            RENDERED.put(overlay, objects);
        }
    }

    static String kustomize(Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is not installed (apt-get install kubectl; .ci/run does it): " + e.getMessage(), e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize %s finished", dir).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, new String(err, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return RENDERED.get(overlay).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    static Deployment deployment(String overlay, String name) {
        return all(overlay, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no Deployment " + name));
    }

    static boolean isTotem(Deployment d) {
        return "totem".equals(labels(d).get("app.kubernetes.io/part-of"));
    }

    static Map<String, String> labels(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
    }

    static Map<String, String> podLabels(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getLabels();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyObjectIsTypedAndLandsInTheOverlaysNamespace(String overlay) {
        List<HasMetadata> objects = RENDERED.get(overlay);
        assertThat(objects).as("%s renders objects", overlay).hasSizeGreaterThan(20);
        Set<String> customKinds = Set.of("Cluster", "ScheduledBackup", "Database", "RabbitmqCluster", "Vhost", "User", "Permission",
                "TopicPermission");
        String namespace = NAMESPACES.get(overlay);
        for (HasMetadata o : objects) {
            if (o instanceof GenericKubernetesResource) {
                assertThat(customKinds).as("%s: %s %s is parsed without a typed model: a typo in a core kind?", overlay,
                        o.getKind(), o.getMetadata().getName()).contains(o.getKind());
            }
            assertThat(o.getMetadata().getNamespace()).as("%s: namespace of %s %s", overlay, o.getKind(), o.getMetadata().getName())
                    .isEqualTo(namespace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyRunnableModuleRunsWhereItShould(String overlay) throws Exception {
        ComposeFileTest.load();
        Map<String, Integer> modules = ComposeFileTest.runnableModules();
        Set<String> expected = new TreeSet<>(SERVICES);
        if (overlay.equals("staging")) {
            expected.addAll(SANDBOXES);
        }
        Set<String> deployed = new TreeSet<>();
        all(overlay, Deployment.class).stream().filter(KubernetesManifestsTest::isTotem).forEach(d -> deployed.add(d.getMetadata().getName()));
        assertThat(deployed).as("%s: Totem Deployments (sandboxes only in staging)", overlay).isEqualTo(expected);
        for (var module : modules.entrySet()) {
            String name = Path.of(module.getKey()).getFileName().toString();
            if (!expected.contains(name)) {
                continue;
            }
            Container c = deployment(overlay, name).getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(c.getPorts()).as("%s: %s's container port named http is its server port", overlay, name)
                    .anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == module.getValue().intValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyPodIsHardenedProbedAndBounded(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Deployment d : all(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            var podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()) || podSecurity.getRunAsUser() == null
                    || podSecurity.getRunAsUser() == 0) {
                problems.add(name + ": pod must run as non-root with a non-zero runAsUser");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(name + ": automountServiceAccountToken must be false (no pod talks to the API server)");
            }
            for (Container c : pod.getContainers()) {
                String where = name + "/" + c.getName();
                var sc = c.getSecurityContext();
                if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (sc == null || sc.getCapabilities() == null || !List.of("ALL").equals(sc.getCapabilities().getDrop())) {
                    problems.add(where + ": capabilities must drop ALL");
                }
                var resources = c.getResources();
                for (String r : List.of("cpu", "memory")) {
                    if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey(r)) {
                        problems.add(where + ": no " + r + " request");
                    }
                    if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey(r)) {
                        problems.add(where + ": no " + r + " limit");
                    }
                }
                if (resources != null && resources.getRequests() != null && resources.getLimits() != null
                        && resources.getRequests().containsKey("memory") && resources.getLimits().containsKey("memory")
                        && resources.getRequests().get("memory").getNumericalAmount()
                                .compareTo(resources.getLimits().get("memory").getNumericalAmount()) > 0) {
                    problems.add(where + ": memory request above its limit");
                }
                if (c.getLivenessProbe() == null || c.getReadinessProbe() == null) {
                    problems.add(where + ": liveness and readiness probes are required");
                }
                if (isTotem(d)) {
                    checkActuatorProbes(where, c, problems);
                    boolean tmp = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                            && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
                    if (!tmp) {
                        problems.add(where + ": /tmp must be a writable emptyDir (the root file system is read-only)");
                    }
                    if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
                        problems.add(where + ": preStop is required (endpoints drop the pod before Spring's graceful shutdown)");
                    }
                    // preStop pause (10 s) + Spring's graceful phase (spring.lifecycle.timeout-per-shutdown-phase 20 s)
                    if (pod.getTerminationGracePeriodSeconds() == null || pod.getTerminationGracePeriodSeconds() < 30) {
                        problems.add(where + ": terminationGracePeriodSeconds must cover preStop + graceful shutdown (≥ 30)");
                    }
                }
            }
        }
        assertThat(problems).as("%s: pods", overlay).isEmpty();
    }

    private static void checkActuatorProbes(String where, Container c, List<String> problems) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startup", c.getStartupProbe());
        probes.put("liveness", c.getLivenessProbe());
        probes.put("readiness", c.getReadinessProbe());
        for (var e : probes.entrySet()) {
            String expected = e.getKey().equals("readiness") ? "/actuator/health/readiness" : "/actuator/health/liveness";
            HTTPGetAction get = e.getValue() == null ? null : e.getValue().getHttpGet();
            if (get == null || !expected.equals(get.getPath())) {
                problems.add(where + ": " + e.getKey() + " probe must GET " + expected);
                continue;
            }
            if (!portExists(c, get.getPort())) {
                problems.add(where + ": " + e.getKey() + " probe port " + get.getPort() + " is not a container port");
            }
        }
    }

    static boolean portExists(Container c, IntOrString port) {
        return c.getPorts() != null && c.getPorts().stream().anyMatch(p -> port.getIntVal() != null
                ? Objects.equals(p.getContainerPort(), port.getIntVal())
                : Objects.equals(p.getName(), port.getStrVal()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyImageIsPinned(String overlay) {
        List<String> images = new ArrayList<>();
        all(overlay, Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.add(c.getImage())));
        custom(overlay, "Cluster").forEach(c -> images.add(String.valueOf(((Map<?, ?>) c.getAdditionalProperties().get("spec")).get("imageName"))));
        custom(overlay, "RabbitmqCluster").forEach(c -> images.add(String.valueOf(((Map<?, ?>) c.getAdditionalProperties().get("spec")).get("image"))));
        assertThat(images).as("%s: images", overlay).hasSizeGreaterThanOrEqualTo(SERVICES.size());
        assertThat(images).as("%s: every image pinned to a commit (sha-…), a full x.y.z version or a digest", overlay)
                .allMatch(i -> PINNED.matcher(i).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void noSecretValueIsCommitted(String overlay) throws IOException {
        assertThat(all(overlay, Secret.class)).as("%s: Secrets are created on the cluster, never rendered from the repository", overlay).isEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> referenced = new TreeSet<>();
        for (ConfigMap cm : all(overlay, ConfigMap.class)) {
            if (cm.getData() != null) {
                cm.getData().keySet().stream().filter(k -> SECRET_NAME.matcher(k).matches())
                        .forEach(k -> problems.add("ConfigMap " + cm.getMetadata().getName() + " holds " + k));
            }
        }
        for (Deployment d : all(overlay, Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (SECRET_NAME.matcher(e.getName()).matches() && e.getValue() != null) {
                        problems.add(d.getMetadata().getName() + ": " + e.getName() + " has a literal value (use secretKeyRef)");
                    }
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        referenced.add(e.getValueFrom().getSecretKeyRef().getName());
                    }
                }
            }
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> referenced.add(v.getSecret().getSecretName()));
        }
        all(overlay, Ingress.class).forEach(i -> i.getSpec().getTls().forEach(t -> referenced.add(t.getSecretName())));
        assertThat(problems).as("%s: secret values", overlay).isEmpty();
        // whoever installs Totem learns every Secret to create from the deployment guide
        String guide = Files.readString(Repo.root().resolve("docs/deployment.md"));
        assertThat(referenced).as("%s: Secrets referenced", overlay).isNotEmpty()
                .allSatisfy(s -> assertThat(guide).as("docs/deployment.md names Secret %s", s).contains("`" + s + "`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyServiceSelectsADeploymentPort(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Service s : all(overlay, Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                problems.add("Service " + s.getMetadata().getName() + " selects nothing");
                continue;
            }
            List<Deployment> selected = all(overlay, Deployment.class).stream()
                    .filter(d -> podLabels(d).entrySet().containsAll(selector.entrySet())).toList();
            if (selected.size() != 1) {
                problems.add("Service " + s.getMetadata().getName() + " selects " + selected.size() + " Deployments");
                continue;
            }
            Container c = selected.getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst();
            for (ServicePort port : s.getSpec().getPorts()) {
                if (!portExists(c, port.getTargetPort())) {
                    problems.add("Service " + s.getMetadata().getName() + " targets port " + port.getTargetPort() + ", not a container port");
                }
            }
        }
        assertThat(problems).as("%s: Services", overlay).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void everyServiceHasAnAutoscalerAndADisruptionBudgetOnItsDeployment(String overlay) {
        List<HorizontalPodAutoscaler> hpas = all(overlay, HorizontalPodAutoscaler.class);
        List<PodDisruptionBudget> pdbs = all(overlay, PodDisruptionBudget.class);
        Set<String> deployments = new TreeSet<>();
        all(overlay, Deployment.class).forEach(d -> deployments.add(d.getMetadata().getName()));
        for (var hpa : hpas) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).as("%s: HPA %s target kind", overlay, hpa.getMetadata().getName()).isEqualTo("Deployment");
            assertThat(deployments).as("%s: HPA %s targets an existing Deployment", overlay, hpa.getMetadata().getName()).contains(target.getName());
            assertThat(hpa.getSpec().getMinReplicas()).as("%s: HPA %s bounds", overlay, hpa.getMetadata().getName())
                    .isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        }
        for (var pdb : pdbs) {
            long matched = all(overlay, Deployment.class).stream().filter(d -> matches(pdb.getSpec().getSelector(), podLabels(d))).count();
            assertThat(matched).as("%s: PDB %s selects exactly one Deployment's pods", overlay, pdb.getMetadata().getName()).isEqualTo(1);
        }
        for (String service : SERVICES) {
            assertThat(hpas).as("%s: one HPA for %s", overlay, service).filteredOn(h -> h.getSpec().getScaleTargetRef().getName().equals(service)).hasSize(1);
            Map<String, String> pod = podLabels(deployment(overlay, service));
            assertThat(pdbs).as("%s: one PDB for %s", overlay, service).filteredOn(p -> matches(p.getSpec().getSelector(), pod)).hasSize(1);
        }
        if (overlay.startsWith("production")) {
            assertThat(hpas).as("production: at least two replicas of every service").allMatch(h -> h.getSpec().getMinReplicas() >= 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void onlyTheGatewayIsReachableFromTheIngressAndTheServicesOnlyFromTheGatewayAndPrometheus(String overlay) {
        List<NetworkPolicy> policies = all(overlay, NetworkPolicy.class);
        assertThat(policies).as("%s: a default deny of ingress for every pod", overlay).anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes().contains("Ingress") && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()));
        Map<String, String> gateway = podLabels(deployment(overlay, "gateway"));
        Map<String, String> prometheusNamespace = Map.of("kubernetes.io/metadata.name", "monitoring");
        Map<String, String> ingressNamespace = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
        List<String> problems = new ArrayList<>();
        for (Deployment d : all(overlay, Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> pod = podLabels(d);
            for (NetworkPolicy p : policies) {
                if (!matches(p.getSpec().getPodSelector(), pod) || p.getSpec().getIngress() == null) {
                    continue;
                }
                for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        problems.add(p.getMetadata().getName() + " lets anyone reach " + name);
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        if (peer.getIpBlock() != null) {
                            problems.add(p.getMetadata().getName() + " lets an IP block reach " + name);
                        }
                        boolean fromIngress = peer.getNamespaceSelector() != null && matches(peer.getNamespaceSelector(), ingressNamespace);
                        if (fromIngress && !name.equals("gateway")) {
                            problems.add(p.getMetadata().getName() + " lets the ingress controller reach " + name);
                        }
                        if (!SERVICES.contains(name) || name.equals("gateway")) {
                            continue;
                        }
                        boolean fromGateway = peer.getNamespaceSelector() == null && matches(peer.getPodSelector(), gateway);
                        boolean fromPrometheus = peer.getNamespaceSelector() != null && matches(peer.getNamespaceSelector(), prometheusNamespace)
                                && !matches(peer.getNamespaceSelector(), ingressNamespace) && peer.getPodSelector() != null
                                && matches(peer.getPodSelector(), Map.of("app.kubernetes.io/name", "prometheus"))
                                && !isEmpty(peer.getPodSelector());
                        // the one direct call: every Totem service reads queue-service's JWKS
                        boolean jwks = name.equals("queue-service") && peer.getNamespaceSelector() == null
                                && Objects.equals(peer.getPodSelector().getMatchLabels(), Map.of("app.kubernetes.io/component", "service"));
                        if (!fromGateway && !fromPrometheus && !jwks) {
                            problems.add(p.getMetadata().getName() + " lets " + peer + " reach " + name);
                        }
                    }
                }
            }
        }
        assertThat(problems).as("%s: network policies", overlay).isEmpty();
        assertThat(policies).as("%s: the ingress controller reaches the gateway", overlay).anyMatch(p -> matches(p.getSpec().getPodSelector(), gateway)
                && p.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                        .anyMatch(peer -> peer.getNamespaceSelector() != null && matches(peer.getNamespaceSelector(), ingressNamespace)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production", "production-green"})
    void theIngressServesTlsAndThePixWebhookOnlyWithAClientCertificate(String overlay) {
        List<Ingress> ingresses = all(overlay, Ingress.class);
        Set<String> services = new TreeSet<>();
        all(overlay, Service.class).forEach(s -> services.add(s.getMetadata().getName()));
        String namespace = ingresses.getFirst().getMetadata().getNamespace();
        boolean webhookServed = false;
        for (Ingress ingress : ingresses) {
            String name = ingress.getMetadata().getName();
            Map<String, String> annotations = ingress.getMetadata().getAnnotations() == null ? Map.of() : ingress.getMetadata().getAnnotations();
            boolean mtls = "on".equals(annotations.get("nginx.ingress.kubernetes.io/auth-tls-verify-client"));
            boolean denied = "0.0.0.0/0,::/0".equals(annotations.get("nginx.ingress.kubernetes.io/denylist-source-range"));
            if (mtls) {
                assertThat(annotations.get("nginx.ingress.kubernetes.io/auth-tls-secret")).as("%s: %s's CA Secret in its namespace", overlay, name)
                        .isEqualTo(namespace + "/totem-pix-webhook-ca");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(rule.getHost()).as("%s: %s names its host", overlay, name).isNotBlank();
                assertThat(tlsHosts(ingresses)).as("%s: %s has TLS for %s", overlay, name, rule.getHost()).contains(rule.getHost());
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertThat(services).as("%s: %s routes to an existing Service", overlay, name).contains(path.getBackend().getService().getName());
                    assertThat(path.getBackend().getService().getName()).as("%s: %s: the ingress reaches the gateway only", overlay, name).isEqualTo("gateway");
                    boolean reachesWebhook = WEBHOOK_PATH.startsWith(path.getPath().endsWith("/") ? path.getPath() : path.getPath() + "/")
                            || path.getPath().startsWith(WEBHOOK_PATH) || path.getPath().equals("/");
                    if (!reachesWebhook || denied) {
                        continue;
                    }
                    if (mtls) {
                        webhookServed = true;
                        assertThat(rule.getHttp().getPaths()).as("%s: %s: the client-certificate host serves only the webhook", overlay, name)
                                .allMatch(p -> p.getPath().startsWith(WEBHOOK_PATH));
                    } else {
                        // the public host may route "/" only if the webhook path is denied on that same host
                        boolean closed = ingresses.stream().anyMatch(other -> "0.0.0.0/0,::/0".equals(other.getMetadata().getAnnotations() == null ? null
                                : other.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/denylist-source-range"))
                                && other.getSpec().getRules().stream().anyMatch(r -> r.getHost().equals(rule.getHost())
                                        && r.getHttp().getPaths().stream().anyMatch(p -> p.getPath().equals(WEBHOOK_PATH))));
                        assertThat(closed).as("%s: %s serves %s on %s without a client certificate", overlay, name, WEBHOOK_PATH, rule.getHost()).isTrue();
                    }
                }
            }
        }
        assertThat(webhookServed).as("%s: the Pix webhook is served on a client-certificate host", overlay).isTrue();
    }

    @Test
    void theGreenReleaseUsesBluesStatefulPartsAndTakesNoTrafficUntilSwitched() {
        String overlay = "production-green";
        assertThat(all(overlay, GenericKubernetesResource.class)).as("green runs no database or broker of its own").isEmpty();
        Map<String, String> common = all(overlay, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("totem-common"))
                .findFirst().orElseThrow().getData();
        assertThat(common).containsEntry("TOTEM_DB_HOST", "totem-pg-rw.totem.svc").containsEntry("TOTEM_RABBIT_HOST", "totem-rabbitmq.totem.svc");
        for (Ingress ingress : all(overlay, Ingress.class)) {
            Map<String, String> a = ingress.getMetadata().getAnnotations() == null ? Map.of() : ingress.getMetadata().getAnnotations();
            if (a.containsKey("nginx.ingress.kubernetes.io/denylist-source-range")) {
                continue; // refusing the webhook path on the public host is the same in both colours
            }
            assertThat(a).as("green Ingress %s is a canary of blue's at weight 0", ingress.getMetadata().getName())
                    .containsEntry("nginx.ingress.kubernetes.io/canary", "true").containsEntry("nginx.ingress.kubernetes.io/canary-weight", "0");
        }
        // blue's PostgreSQL and RabbitMQ admit green's services
        for (String policy : List.of("totem-pg", "totem-rabbitmq")) {
            NetworkPolicy p = all("production", NetworkPolicy.class).stream().filter(n -> n.getMetadata().getName().equals(policy)).findFirst().orElseThrow();
            assertThat(p.getSpec().getIngress().getFirst().getFrom()).as("%s admits totem-green's services", policy)
                    .anyMatch(peer -> peer.getNamespaceSelector() != null
                            && matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", "totem-green"))
                            && matches(peer.getPodSelector(), Map.of("app.kubernetes.io/component", "service")));
        }
    }

    @Test
    void theStatefulPartsRunOnTheirOperatorsWithReplicasAndBackups() {
        for (String overlay : List.of("staging", "production")) {
            var pg = custom(overlay, "Cluster");
            assertThat(pg).as("%s: one CloudNativePG Cluster", overlay).hasSize(1);
            Map<?, ?> spec = (Map<?, ?>) pg.getFirst().getAdditionalProperties().get("spec");
            assertThat(((Number) spec.get("instances")).intValue()).as("%s: a primary and a replica", overlay).isGreaterThanOrEqualTo(2);
            assertThat(((Map<?, ?>) spec.get("backup")).get("barmanObjectStore")).as("%s: WAL and base backups to object storage", overlay).isNotNull();
            assertThat(custom(overlay, "ScheduledBackup")).as("%s: a daily base backup", overlay).hasSize(1);
            assertThat(custom(overlay, "Database")).as("%s: the services' other databases", overlay).hasSize(4);
            var rabbit = custom(overlay, "RabbitmqCluster");
            assertThat(rabbit).as("%s: one RabbitmqCluster", overlay).hasSize(1);
            Map<?, ?> rabbitSpec = (Map<?, ?>) rabbit.getFirst().getAdditionalProperties().get("spec");
            assertThat(((Number) rabbitSpec.get("replicas")).intValue()).as("%s: three RabbitMQ nodes", overlay).isEqualTo(3);
            assertThat(String.valueOf(((Map<?, ?>) rabbitSpec.get("rabbitmq")).get("additionalConfig"))).contains("default_queue_type = quorum");
        }
    }

    private static Collection<String> tlsHosts(List<Ingress> ingresses) {
        return ingresses.stream().flatMap(i -> i.getSpec().getTls() == null ? Stream.empty() : i.getSpec().getTls().stream())
                .flatMap(t -> t.getHosts().stream()).toList();
    }

    static boolean isEmpty(LabelSelector s) {
        return s == null || ((s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty()));
    }

    /** Kubernetes label-selector semantics: every matchLabels pair and every expression must hold. */
    static boolean matches(LabelSelector s, Map<String, String> labels) {
        if (s == null) {
            return true;
        }
        if (s.getMatchLabels() != null && !labels.entrySet().containsAll(s.getMatchLabels().entrySet())) {
            return false;
        }
        if (s.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : s.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                Predicate<String> in = v -> r.getValues() != null && r.getValues().contains(v);
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && in.test(value);
                    case "NotIn" -> value == null || !in.test(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
