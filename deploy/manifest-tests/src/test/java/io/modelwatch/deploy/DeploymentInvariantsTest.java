package io.modelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.modelwatch.contract.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The invariants of issue 8, checked on every overlay of deploy/k8s as a cluster would receive it: each manifest
 * parses into a typed object; probes, ports, topics, ACLs and consumer groups agree with the services' own
 * application.properties and event-contract's Topics.ALL; autoscaling never exceeds partitions; every container is
 * non-root, read-only, with limits.
 */
class DeploymentInvariantsTest {

    private static final Map<String, Manifests> CACHE = new HashMap<>();

    private static Manifests overlay(String name) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(name, Manifests::overlay);
        }
    }

    private static Stream<ServiceConfig> services() {
        return Stream.of(ServiceConfig.SERVICES).map(ServiceConfig::of);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyManifestParsesIntoATypedObjectWithNoUnknownField(String name) {
        Manifests manifests = overlay(name);
        assertThat(manifests.objects).hasSizeGreaterThan(30);
        for (HasMetadata object : manifests.objects) {
            String id = object.getApiVersion() + " " + object.getKind();
            if (object instanceof GenericKubernetesResource) {
                assertThat(Manifests.UNTYPED).as("%s has a typed model and must parse into it", id).contains(id);
            } else {
                assertThat(Manifests.unknownFields(object)).as("fields the %s model does not know", id).isEmpty();
            }
            assertThat(object.getMetadata().getNamespace()).as(id).isEqualTo("modelwatch");
        }
        assertThat(manifests.all(Kafka.class)).hasSize(1);
        assertThat(manifests.all(KafkaNodePool.class)).isNotEmpty();
        assertThat(manifests.raw).noneMatch(r -> r.path("kind").asText().equals("Secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void probesAndPortsMatchWhatTheServicesServe(String name) {
        Manifests manifests = overlay(name);
        services().forEach(service -> {
            Deployment deployment = manifests.get(Deployment.class, service.name());
            Container container = single(deployment);
            ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow();
            assertThat(http.getContainerPort()).as(service.name()).isEqualTo(service.httpPort());
            assertProbe(container.getStartupProbe(), service.healthRoot() + "/started", container);
            assertProbe(container.getLivenessProbe(), service.healthRoot() + "/live", container);
            assertProbe(container.getReadinessProbe(), service.healthRoot() + "/ready", container);

            Service svc = manifests.get(Service.class, service.name());
            assertThat(svc.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(svc.getSpec().getSelector());
            assertThat(svc.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
            assertThat(manifests.get(PodDisruptionBudget.class, service.name()).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        });
        for (Ingress ingress : manifests.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                Service backend = manifests.get(Service.class, path.getBackend().getService().getName());
                assertThat(backend.getSpec().getPorts()).extracting(p -> p.getName())
                        .contains(path.getBackend().getService().getPort().getName());
                assertThat(path.getPath()).doesNotStartWith("/q");
                // No rule may route a service's /q/ endpoints (metrics, OpenAPI, Swagger UI) to the public.
                for (String internal : java.util.List.of("/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/health", "/q/dev-ui")) {
                    boolean routed = "Exact".equals(path.getPathType()) ? internal.equals(path.getPath())
                            : internal.startsWith(path.getPath());
                    assertThat(routed).as(path.getPath() + " routes " + internal).isFalse();
                }
            }));
        }
    }

    private static void assertProbe(Probe probe, String path, Container container) {
        assertThat(probe).as(container.getName() + " probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(container.getName()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(container.getName()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTopicTheServicesNameHasAKafkaTopicAsTheContractDefinesIt(String name) {
        Manifests manifests = overlay(name);
        Map<String, KafkaTopic> topics = manifests.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));
        Set<String> named = services().flatMap(s -> s.topics().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(named).as("topics the services' configuration names").isNotEmpty();
        assertThat(topics.keySet()).containsAll(named);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(Topics.Definition::name).toList());

        int brokers = manifests.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().toString().contains("BROKER"))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        for (Topics.Definition definition : Topics.ALL) {
            KafkaTopic topic = topics.get(definition.name());
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "modelwatch");
            assertThat(topic.getSpec().getPartitions()).as(definition.name()).isEqualTo(definition.partitions());
            definition.config().forEach((key, value) -> assertThat(String.valueOf(topic.getSpec().getConfig().get(key)))
                    .as(definition.name() + " " + key).isEqualTo(value));
            assertThat(topic.getSpec().getReplicas()).as(definition.name()).isLessThanOrEqualTo(brokers);
            Object minIsr = topic.getSpec().getConfig().get("min.insync.replicas");
            if (minIsr != null) {
                assertThat(Integer.parseInt(minIsr.toString())).isLessThan(topic.getSpec().getReplicas());
            }
            if (name.equals("prod")) {
                assertThat(topic.getSpec().getReplicas()).as(definition.name()).isEqualTo(3);
                assertThat(minIsr).as(definition.name()).hasToString("2");
            }
        }
        assertThat(topics.get(Topics.MODEL_CHANGES).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void aclsCoverExactlyEachServicesTopicsAndGroup(String name) {
        Manifests manifests = overlay(name);
        assertThat(manifests.all(KafkaUser.class)).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrder(ServiceConfig.SERVICES);
        services().forEach(service -> {
            KafkaUser user = manifests.get(KafkaUser.class, service.name());
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (AclRule acl : acls) {
                assertThat(acl.getOperations()).as(service.name()).doesNotContain(AclOperation.ALL);
                if (acl.getResource() instanceof AclRuleTopicResource topic) {
                    assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                    assertThat(topic.getName()).isNotEqualTo("*");
                    if (acl.getOperations().contains(AclOperation.READ)) {
                        reads.add(topic.getName());
                    }
                    if (acl.getOperations().contains(AclOperation.WRITE)) {
                        writes.add(topic.getName());
                    }
                    assertThat(acl.getOperations()).as(service.name() + " on " + topic.getName())
                            .isSubsetOf(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                } else if (acl.getResource() instanceof AclRuleGroupResource group) {
                    assertThat(group.getName()).isNotEqualTo("*");
                    groups.add(group.getPatternType() == AclResourcePatternType.PREFIX ? group.getName() + "*"
                            : group.getName());
                    assertThat(acl.getOperations()).isSubsetOf(AclOperation.READ, AclOperation.DESCRIBE);
                } else {
                    throw new AssertionError(service.name() + " has an ACL beyond topics and groups: " + acl.getResource());
                }
            }
            assertThat(reads).as(service.name() + " reads").isEqualTo(service.reads());
            assertThat(writes).as(service.name() + " writes").isEqualTo(service.writes());
            assertThat(groups).as(service.name() + " groups").isEqualTo(service.groups());

            // The service authenticates as its own user, and its pods are allowed through the listener's policy.
            Container container = single(manifests.get(Deployment.class, service.name()));
            assertThat(secretOf(container, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo(service.name());
        });
        Kafka kafka = manifests.all(Kafka.class).get(0);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isNotNull();
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            assertThat(listener.getAuth()).as("listener " + listener.getName() + " authenticates").isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void autoscalingNeverExceedsPartitions(String name) {
        Manifests manifests = overlay(name);
        Map<String, Integer> partitions = manifests.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t.getSpec().getPartitions()));
        List<GenericKubernetesResource> scaledObjects = manifests.generic("keda.sh/v1alpha1", "ScaledObject");
        assertThat(scaledObjects).extracting(s -> s.getMetadata().getName()).contains("catalog-service");
        for (GenericKubernetesResource scaled : scaledObjects) {
            Map<String, Object> spec = map(scaled.getAdditionalProperties().get("spec"));
            String target = (String) map(spec.get("scaleTargetRef")).get("name");
            ServiceConfig service = ServiceConfig.of(target);
            manifests.get(Deployment.class, target);
            int max = ((Number) spec.get("maxReplicaCount")).intValue();
            int min = ((Number) spec.get("minReplicaCount")).intValue();
            assertThat(min).isBetween(1, max);
            for (Object t : (List<?>) spec.get("triggers")) {
                Map<String, Object> trigger = map(t);
                assertThat(trigger.get("type")).isEqualTo("kafka");
                Map<String, Object> metadata = map(trigger.get("metadata"));
                String topic = (String) metadata.get("topic");
                assertThat(service.reads()).as(target + " reads the topic it scales on").contains(topic);
                assertThat(service.groups()).contains((String) metadata.get("consumerGroup"));
                assertThat(max).as(target + " replicas vs partitions of " + topic).isLessThanOrEqualTo(partitions.get(topic));
                String authentication = (String) map(trigger.get("authenticationRef")).get("name");
                manifests.generic("keda.sh/v1alpha1", "TriggerAuthentication", authentication);
            }
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            manifests.get(Deployment.class, target);
            assertThat(hpa.getSpec().getMinReplicas()).isBetween(1, hpa.getSpec().getMaxReplicas());
            // A consumer scaled on CPU would still be capped by its partitions.
            for (String topic : ServiceConfig.of(target).reads()) {
                assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions.get(topic));
            }
        }
        assertThat(manifests.find(HorizontalPodAutoscaler.class, "ingest-service")).isPresent();
        // Fixed replica counts of consumers are capped too.
        services().forEach(service -> {
            int replicas = manifests.get(Deployment.class, service.name()).getSpec().getReplicas();
            for (String topic : service.reads()) {
                assertThat(replicas).as(service.name()).isLessThanOrEqualTo(partitions.get(topic));
            }
            if (name.equals("dev")) {
                assertThat(replicas).as("dev: one replica of " + service.name()).isEqualTo(1);
            }
        });
        if (name.equals("dev")) {
            assertThat(manifests.get(HorizontalPodAutoscaler.class, "ingest-service").getSpec().getMaxReplicas()).isEqualTo(1);
            assertThat(map(manifests.generic("keda.sh/v1alpha1", "ScaledObject", "catalog-service")
                    .getAdditionalProperties().get("spec")).get("maxReplicaCount")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerIsNonRootReadOnlyWithLimits(String name) {
        Manifests manifests = overlay(name);
        assertThat(manifests.all(Deployment.class)).hasSize(3);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).isTrue();
            assertThat(podSecurity.getRunAsUser()).isNotNull().isNotZero();
            Set<String> tmpVolumes = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName)
                    .collect(Collectors.toSet());
            for (Container container : concat(pod.getInitContainers(), pod.getContainers())) {
                String id = deployment.getMetadata().getName() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as(id).isNotNull();
                assertThat(security.getRunAsNonRoot()).as(id).isNotEqualTo(Boolean.FALSE);
                assertThat(security.getRunAsUser()).as(id).isNotEqualTo(0L);
                assertThat(security.getReadOnlyRootFilesystem()).as(id).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(id).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(id).contains("ALL");
                assertThat(security.getCapabilities().getAdd()).as(id).isNullOrEmpty();
                Map<String, Quantity> limits = container.getResources().getLimits();
                Map<String, Quantity> requests = container.getResources().getRequests();
                assertThat(limits).as(id).containsKeys("cpu", "memory");
                assertThat(requests).as(id).containsKeys("cpu", "memory");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(Quantity.getAmountInBytes(requests.get(resource)))
                            .as(id + " " + resource + " request <= limit")
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(resource)));
                }
                // Quarkus and the JVM write to /tmp: with a read-only root it must be an emptyDir.
                assertThat(container.getVolumeMounts()).as(id)
                        .anyMatch(m -> m.getMountPath().equals("/tmp") && tmpVolumes.contains(m.getName()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void configAndSecretsAreReferencedNotCommitted(String name) {
        Manifests manifests = overlay(name);
        Set<String> generatedSecrets = new HashSet<>(List.of(ServiceConfig.SERVICES));
        generatedSecrets.add("modelwatch-db-app");
        GenericKubernetesResource cluster = manifests.generic("postgresql.cnpg.io/v1", "Cluster", "modelwatch-db");
        Map<String, Object> clusterSpec = map(cluster.getAdditionalProperties().get("spec"));
        Map<String, String> rolePasswordSecrets = new HashMap<>();
        for (Object role : (List<?>) map(clusterSpec.get("managed")).get("roles")) {
            rolePasswordSecrets.put((String) map(role).get("name"), (String) map(map(role).get("passwordSecret")).get("name"));
        }
        String bootstrapDatabase = (String) map(map(clusterSpec.get("bootstrap")).get("initdb")).get("database");
        Map<String, String> databaseOwners = new HashMap<>();
        databaseOwners.put(bootstrapDatabase, (String) map(map(clusterSpec.get("bootstrap")).get("initdb")).get("owner"));
        for (GenericKubernetesResource database : manifests.generic("postgresql.cnpg.io/v1", "Database")) {
            Map<String, Object> spec = map(database.getAdditionalProperties().get("spec"));
            assertThat(map(spec.get("cluster")).get("name")).isEqualTo("modelwatch-db");
            databaseOwners.put((String) spec.get("name"), (String) spec.get("owner"));
        }
        if (name.equals("prod")) {
            assertThat(clusterSpec.get("instances")).isEqualTo(3);
        }
        assertThat(map(clusterSpec.get("backup"))).containsKey("barmanObjectStore");

        services().forEach(service -> {
            Deployment deployment = manifests.get(Deployment.class, service.name());
            Container container = single(deployment);
            Map<String, String> env = new HashMap<>();
            container.getEnvFrom().forEach(source -> env.putAll(
                    manifests.get(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
            // Its own database, owned by the role whose credentials it gets.
            String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            assertThat(jdbc).startsWith("jdbc:postgresql://modelwatch-db-rw:5432/");
            String database = jdbc.substring(jdbc.lastIndexOf('/') + 1);
            String owner = databaseOwners.get(database);
            assertThat(owner).as(service.name() + " database " + database).isNotNull();
            String userSecret = secretOf(container, "QUARKUS_DATASOURCE_USERNAME");
            assertThat(secretOf(container, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(userSecret);
            assertThat(userSecret).isEqualTo(owner.equals(databaseOwners.get(bootstrapDatabase))
                    ? "modelwatch-db-app" : rolePasswordSecrets.get(owner));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("modelwatch-kafka-bootstrap:9092");
            for (EnvVar var : container.getEnv()) {
                assertThat(var.getValueFrom() != null || !var.getName().matches(".*(PASSWORD|SECRET|JAAS|_KEY)$"))
                        .as(service.name() + ": " + var.getName() + " comes from a Secret").isTrue();
            }
            // Mounted config files exist.
            deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> manifests.get(ConfigMap.class, v.getConfigMap().getName()));
        });
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            configMap.getData().forEach((key, value) -> assertThat(key + "=" + value)
                    .doesNotContainPattern("(?i)(password|secret)=[^$]"));
        }
        assertThat(generatedSecrets).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPoliciesDenyByDefaultAndLetThroughTheServicesFlows(String name) {
        Manifests manifests = overlay(name);
        NetworkPolicy deny = manifests.get(NetworkPolicy.class, "default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        Kafka kafka = manifests.all(Kafka.class).get(0);
        services().forEach(service -> {
            Map<String, String> labels = manifests.get(Deployment.class, service.name()).getSpec().getTemplate()
                    .getMetadata().getLabels();
            assertThat(labels).as(service.name() + " is under the default deny")
                    .containsAllEntriesOf(deny.getSpec().getPodSelector().getMatchLabels());
            for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
                assertThat(listener.getNetworkPolicyPeers()).as(service.name() + " may reach Kafka")
                        .anyMatch(peer -> peer.getPodSelector() != null
                                && labels.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet()));
            }
            assertThat(manifests.all(NetworkPolicy.class)).as(service.name() + " may reach PostgreSQL")
                    .anyMatch(p -> Objects.equals(p.getSpec().getPodSelector().getMatchLabels(),
                            Map.of("cnpg.io/cluster", "modelwatch-db"))
                            && p.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                                    .anyMatch(peer -> peer.getPodSelector() != null && labels.entrySet()
                                            .containsAll(peer.getPodSelector().getMatchLabels().entrySet())));
        });
    }

    private static Container single(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String secretOf(Container container, String variable) {
        return container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .map(e -> e.getValueFrom().getSecretKeyRef().getName())
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<Container> concat(List<Container> a, List<Container> b) {
        return Stream.concat(a == null ? Stream.empty() : a.stream(), b.stream()).toList();
    }
}
