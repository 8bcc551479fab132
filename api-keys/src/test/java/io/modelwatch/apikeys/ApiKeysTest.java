package io.modelwatch.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    // echo -n publisher-a-key | sha256sum
    static final String PUBLISHER_A_SHA256 = "8b459312fe53ed73cd59544b4fd66e198f0d75af402308c06cfd8b05c567b17c";

    final ApiKeys keys = ApiKeys.of(List.of(
            ApiKey.hashed("publisher-a", PUBLISHER_A_SHA256.toUpperCase(), Roles.PUBLISHER),
            ApiKey.plain("operator", "operator-key", Roles.ADMIN)));

    @Test
    void aKeyIsFoundByItsHashWhetherConfiguredHashedOrPlain() {
        assertThat(keys.find("publisher-a-key")).get().extracting(ApiKey::name).isEqualTo("publisher-a");
        assertThat(keys.find("operator-key")).get().satisfies(key -> {
            assertThat(key.name()).isEqualTo("operator");
            assertThat(key.roles()).containsExactly(Roles.ADMIN);
        });
    }

    @Test
    void theHashOfAKeyOrAnotherKeyIsNotAKey() {
        assertThat(keys.find(PUBLISHER_A_SHA256)).isEmpty();
        assertThat(keys.find("publisher-a-key ")).isEmpty();
        assertThat(keys.find("")).isEmpty();
        assertThat(keys.closed()).isEmpty();
    }

    @Test
    void misconfiguredKeysStopTheStart() {
        assertThatThrownBy(() -> ApiKey.hashed("short", "abc123", Roles.ADMIN)).hasMessageContaining("'short'");
        assertThatThrownBy(() -> ApiKeys.of(List.of(ApiKey.plain("a", "k1"), ApiKey.plain("a", "k2"))))
                .hasMessageContaining("named 'a'");
        assertThatThrownBy(() -> ApiKeys.of(List.of(ApiKey.plain("a", "publisher-a-key"),
                ApiKey.hashed("b", PUBLISHER_A_SHA256)))).hasMessageContaining("same key");
        assertThatThrownBy(() -> ApiKeys.of(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theIdentityIsTheKeysNameWithItsRoles() {
        SecurityIdentity identity = new ApiKeyIdentityProvider(keys)
                .authenticate(new ApiKeyAuthenticationRequest("publisher-a-key"), null).await().indefinitely();
        assertThat(identity.getPrincipal().getName()).isEqualTo("publisher-a");
        assertThat(identity.getRoles()).containsExactly(Roles.PUBLISHER);
        assertThat(identity.isAnonymous()).isFalse();
    }

    @Test
    void anUnknownKeyFailsAuthenticationAndAClosedApiRefusesEveryKey() {
        assertThatThrownBy(() -> new ApiKeyIdentityProvider(keys)
                .authenticate(new ApiKeyAuthenticationRequest("guess"), null).await().indefinitely())
                .isInstanceOf(AuthenticationFailedException.class);
        ApiKeys closed = new AdminKey().adminKey(java.util.Optional.of(" "));
        assertThat(closed.closed()).get().asString().contains("MODELWATCH_ADMIN_KEY");
        assertThatThrownBy(() -> new ApiKeyIdentityProvider(closed)
                .authenticate(new ApiKeyAuthenticationRequest("anything"), null).await().indefinitely())
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("closed");
        ApiKeys admin = new AdminKey().adminKey(java.util.Optional.of("the-admin-key"));
        assertThat(admin.find("the-admin-key")).get().extracting(ApiKey::roles).isEqualTo(java.util.Set.of(Roles.ADMIN));
    }
}
