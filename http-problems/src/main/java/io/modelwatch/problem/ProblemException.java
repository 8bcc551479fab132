package io.modelwatch.problem;

/** Thrown anywhere in a request to answer with the given problem document. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    /** Seconds for Retry-After, or 0 for none. */
    private final long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    private ProblemException(Problem problem, long retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 429 Too Many Requests with Retry-After: {@code what} used up its requests, and may ask again after
     * {@code retryAfterMillis} (rounded up to whole seconds, at least 1), which the detail says too.
     */
    public static ProblemException tooManyRequests(String what, long retryAfterMillis) {
        long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
        return new ProblemException(Problem.of(jakarta.ws.rs.core.Response.Status.TOO_MANY_REQUESTS,
                what + "; try again in " + seconds + " s."), seconds);
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds a client waits before asking again (the Retry-After header), or 0 when the answer names none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The problem document as an answer, with its Retry-After when it has one. */
    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response response = problem.toResponse();
        return retryAfterSeconds == 0 ? response
                : jakarta.ws.rs.core.Response.fromResponse(response).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }
}
