package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.domain.OrganizationDirectory;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.identity.ModelIdentity;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A where clause and its parameters, built from a filter: every read of a filtered set of entries goes through it. */
final class FilterSql {

    final StringBuilder sql = new StringBuilder(" where true");
    final List<Object> parameters = new ArrayList<>();

    FilterSql add(String condition, Object... values) {
        sql.append(" and ").append(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    void bind(PreparedStatement s, int offset) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p instanceof String[] array) {
                s.setArray(offset + i + 1, s.getConnection().createArrayOf("text", array));
            } else {
                s.setObject(offset + i + 1, p);
            }
        }
    }

    /** The conditions of {@code f}; organisations named by any of their aliases are matched by their directory name. */
    static FilterSql where(ModelFilter f, OrganizationDirectory directory) {
        FilterSql w = new FilterSql();
        if (f.q() != null) {
            w.add("search like ? escape '\\'", "%" + f.q().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (!f.kinds().isEmpty()) {
            w.add("kind = any(?)", (Object) f.kinds().toArray(new String[0]));
        }
        if (!f.organizations().isEmpty()) {
            w.add("organizations && ?", (Object) f.organizations().stream()
                    .map(o -> ModelIdentity.organizationKey(directory.resolve(new Organization(o, null)).name())).toArray(String[]::new));
        }
        if (!f.countries().isEmpty()) {
            w.add("countries && ?", (Object) f.countries().toArray(new String[0]));
        }
        if (!f.modalities().isEmpty()) {
            w.add("modalities && ?", (Object) f.modalities().toArray(new String[0]));
        }
        if (!f.accessibilities().isEmpty()) {
            w.add("accessibility = any(?)", (Object) f.accessibilities().toArray(new String[0]));
        }
        if (!f.tags().isEmpty()) {
            w.add("tags && ?", (Object) f.tags().toArray(new String[0]));
        }
        if (f.from() != null) {
            w.add("published_start >= ?", Date.valueOf(f.from()));
        }
        if (f.to() != null) {
            w.add("published_start <= ?", Date.valueOf(f.to()));
        }
        if (f.minParameters() != null) {
            w.add("parameters >= ?", f.minParameters());
        }
        if (f.maxParameters() != null) {
            w.add("parameters <= ?", f.maxParameters());
        }
        if (f.minCompute() != null) {
            w.add("training_compute >= ?", f.minCompute());
        }
        if (f.maxCompute() != null) {
            w.add("training_compute <= ?", f.maxCompute());
        }
        return w;
    }
}
