package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Run configuration")
class TypedNamesTest {

    @Test
    void aProblemNamesTheMavenPropertyTheUserTyped() {
        // GIVEN the build was given -Dclaims.tasks=capitals:x, which the claims execution passes on
        Properties p = new Properties();
        p.setProperty("claims.tasks", "capitals:x");
        p.setProperty("attendfirst.tasks", "capitals:x");
        p.setProperty("attendfirst.workers", "1");
        // WHEN the configuration is read THEN the problem names -Dclaims.tasks, and how it reached the run
        assertThatThrownBy(() -> RunConfig.from(p))
                .hasMessageContaining("-Dclaims.tasks: 'capitals:x'")
                .hasMessageContaining("(-Dclaims.tasks is passed on to the run as -Dattendfirst.tasks)");
    }

    @Test
    void aPropertyTypedAsAttendfirstKeepsItsName() {
        Properties p = new Properties();
        p.setProperty("attendfirst.seeds", "0");
        assertThat(TypedNames.asTyped("-Dattendfirst.seeds=0: expected a whole number >= 1", p))
                .isEqualTo("-Dattendfirst.seeds=0: expected a whole number >= 1");
        p.setProperty("claims.seeds", "0");
        assertThat(TypedNames.asTyped("-Dattendfirst.seeds=0: expected a whole number >= 1", p))
                .startsWith("-Dclaims.seeds=0: expected a whole number >= 1");
    }
}
