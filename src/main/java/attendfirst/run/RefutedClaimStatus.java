package attendfirst.run;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;

/**
 * A refuted claim is a finding: in the claims execution its JUnit test passes (so Maven prints no test failure
 * for it and the gate reports it), yet in the Allure report it must stay red, under "Claim refuted". The test
 * marks its result with the label {@value #LABEL} = REFUTED and the verdict message as status details; this
 * listener (registered through META-INF/services, Allure's extension point) turns such a result to FAILED just
 * before it is written, after allure-junit-platform has set the JUnit status.
 */
public final class RefutedClaimStatus implements TestLifecycleListener {

    public static final String LABEL = "claimVerdict";

    @Override
    public void beforeTestWrite(TestResult result) {
        boolean refuted = result.getLabels().stream()
                .anyMatch(l -> LABEL.equals(l.getName()) && "REFUTED".equals(l.getValue()));
        if (refuted && result.getStatus() == Status.PASSED) {
            result.setStatus(Status.FAILED);
        }
    }

    static Label label(String outcome) {
        return new Label().setName(LABEL).setValue(outcome);
    }
}
