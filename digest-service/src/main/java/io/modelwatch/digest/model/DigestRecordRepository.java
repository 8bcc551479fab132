package io.modelwatch.digest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DigestRecordRepository implements PanacheRepositoryBase<DigestRecord, UUID> {
}
