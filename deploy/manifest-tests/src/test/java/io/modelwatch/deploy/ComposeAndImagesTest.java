package io.modelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelwatch.contract.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml and the Dockerfiles against the same truths: the services' ports and health paths, the
 * contract's topics, the broker version the build uses, and the environment variable names of deploy/k8s.
 * (`docker-compose config -q` in .ci/run checks the file's syntax; this checks what it says.)
 */
class ComposeAndImagesTest {

    private static final Path ROOT = ServiceConfig.ROOT;
    /** Variables that only docker-compose.yml sets (none so far). */
    private static final Set<String> COMPOSE_ONLY = Set.of();

    private final JsonNode compose = Kustomize.read(ROOT.resolve("docker-compose.yml")).get(0);

    @Test
    void theServicesUseTheKubernetesVariableNamesAndTheirOwnHealthEndpoint() {
        Manifests prod = Manifests.overlay("prod");
        for (String module : ServiceConfig.SERVICES) {
            ServiceConfig service = ServiceConfig.of(module);
            JsonNode definition = compose.path("services").path(module);
            assertThat(definition.isObject()).as(module + " in docker-compose.yml").isTrue();
            assertThat(definition.at("/build/dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(definition.at("/build/context").asText()).isEqualTo("./" + module);

            Set<String> kubernetes = new HashSet<>();
            Container container = prod.get(Deployment.class, module).getSpec().getTemplate().getSpec().getContainers().get(0);
            container.getEnv().stream().map(EnvVar::getName).forEach(kubernetes::add);
            container.getEnvFrom().forEach(source -> kubernetes.addAll(
                    prod.get(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet()));
            for (Iterator<String> names = definition.path("environment").fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!COMPOSE_ONLY.contains(name)) {
                    assertThat(kubernetes).as(module + ": " + name + " has the same name on Kubernetes").contains(name);
                }
            }
            assertThat(definition.at("/healthcheck/test").toString())
                    .contains("http://localhost:" + service.httpPort() + service.healthRoot() + "/ready");
            assertThat(definition.path("ports").toString()).contains(service.httpPort() + ":" + service.httpPort());
            assertThat(definition.at("/depends_on/kafka-init/condition").asText()).isEqualTo("service_completed_successfully");
            assertThat(definition.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        }
    }

    @Test
    void eachDockerfileRunsAsNonRootExposesItsPortAndChecksReadiness() throws IOException {
        for (String module : ServiceConfig.SERVICES) {
            ServiceConfig service = ServiceConfig.of(module);
            String dockerfile = Files.readString(ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile).as(module)
                    .containsPattern("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:")
                    .containsPattern("(?m)^USER 185$")
                    .containsPattern("(?m)^EXPOSE " + service.httpPort() + "$")
                    .contains("http://localhost:" + service.httpPort() + service.healthRoot() + "/ready")
                    .contains("HEALTHCHECK");
        }
    }

    @Test
    void composeRunsTheBrokerTheBuildUsesWithTheContractsTopics() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(compose.at("/services/kafka/image").asText()).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(compose.at("/services/postgres/image").asText()).isEqualTo("postgres:17");

        String script = Files.readString(ROOT.resolve("deploy/compose/create-topics.sh"));
        for (Topics.Definition topic : Topics.ALL) {
            StringBuilder expected = new StringBuilder("--topic " + topic.name() + " --partitions " + topic.partitions());
            assertThat(script).contains(expected);
            topic.config().forEach((key, value) -> assertThat(script).containsPattern(
                    Pattern.quote("--topic " + topic.name() + " ") + "[^\\n]*(\\\\\\n[^\\n]*)*--config " + Pattern.quote(key + "=" + value)));
        }
        String init = Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"));
        for (String module : ServiceConfig.SERVICES) {
            String database = module.replace("-service", "");
            assertThat(init).contains("CREATE DATABASE " + database + " OWNER " + database + ";");
            assertThat(compose.at("/services/" + module + "/environment/QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
        }
    }
}
