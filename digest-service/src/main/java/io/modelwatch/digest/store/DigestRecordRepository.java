package io.modelwatch.digest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DigestRecordRepository implements PanacheRepositoryBase<DigestRecord, UUID> {

    public int latestVersion(String kind, String periodKey, String language) {
        Integer v = getEntityManager().createQuery(
                        "select max(d.version) from DigestRecord d where d.kind = :k and d.periodKey = :p and d.language = :l",
                        Integer.class)
                .setParameter("k", kind).setParameter("p", periodKey).setParameter("l", language).getSingleResult();
        return v == null ? 0 : v;
    }

    public java.util.Optional<DigestRecord> version(String kind, String periodKey, String language, int version) {
        return find("kind = ?1 and periodKey = ?2 and language = ?3 and version = ?4", kind, periodKey, language, version)
                .firstResultOptional();
    }

    /**
     * Takes the transaction-scoped advisory lock of one (kind, period, language), without waiting: false when another
     * transaction (another replica) holds it.
     */
    public boolean tryClaim(String kind, String periodKey, String language) {
        Object got = getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", kind + "|" + periodKey + "|" + language).getSingleResult();
        return Boolean.TRUE.equals(got);
    }

    /** Waits for the advisory lock of one (kind, period, language), so two regenerations never pick one version. */
    public void claim(String kind, String periodKey, String language) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", kind + "|" + periodKey + "|" + language).getSingleResult();
    }

    /** The archive, newest first, without the reviews' bodies. */
    public List<DigestHeader> archive(String kind, String language, boolean publishedOnly, int limit) {
        StringBuilder jpql = new StringBuilder("select new " + DigestHeader.class.getName()
                + "(d.id, d.kind, d.periodKey, d.version, d.from, d.to, d.language, d.title, d.summary, d.createdAt)"
                + " from DigestRecord d where 1 = 1");
        if (kind != null) {
            jpql.append(" and d.kind = :kind");
        }
        if (language != null) {
            jpql.append(" and d.language = :language");
        }
        if (publishedOnly) {
            jpql.append(" and d.kind <> 'on-demand'");
        }
        jpql.append(" order by d.createdAt desc, d.id");
        var query = getEntityManager().createQuery(jpql.toString(), DigestHeader.class).setMaxResults(limit);
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        if (language != null) {
            query.setParameter("language", language);
        }
        return query.getResultList();
    }
}
