package attendfirst.claim;

/** One cell of the claims x models x tasks matrix. */
public record ClaimCase(Claim claim, String model, String task) {

    /** "C1 random top 30% | smollm2-135m-instruct | capitals", the JUnit argument set name. */
    public String name() {
        return claim.label() + " | " + model + " | " + task;
    }

    @Override
    public String toString() {
        return name();
    }
}
