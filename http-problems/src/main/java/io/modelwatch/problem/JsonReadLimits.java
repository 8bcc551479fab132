package io.modelwatch.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.validation.JsonErrors;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every service's ObjectMapper reads with the contract's limits ({@link JsonErrors#READ_CONSTRAINTS}: nesting, number
 * and text length), so a hostile body fails fast as a 400 ({@link ProblemMappers#tooBig}) instead of costing CPU or
 * the stack.
 */
@Singleton
public class JsonReadLimits implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(JsonErrors.READ_CONSTRAINTS);
    }
}
