package io.modelwatch.contract.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A fast answer to "does this value break no constraint?", made from the validator's own metadata for a type: the same
 * constraints, checked by the same {@link ConstraintValidator}s (the five built-in ones this contract uses by their
 * definition), without Hibernate Validator's per-check paths and contexts. Most values are valid, and for them this is
 * the whole validation; a value it does not pass is validated by the validator itself, which names what is wrong.
 *
 * <p>It never passes a value the validator would refuse: a type with any feature it does not know (class-level or
 * composed constraints, groups, group conversions, containers other than collections, a constraint it cannot check)
 * gets no quick check at all ({@link #of} is empty), and a constraint validator that throws counts as a failure.
 * {@code QuickCheckTest} compares the two on generated values.
 */
final class QuickCheck {

    /** For a type it does not cover: passes nothing, so the validator decides every value. */
    static final QuickCheck NONE = new QuickCheck(new Property[0], false);

    private final Property[] properties;
    private final boolean covers;

    private QuickCheck(Property[] properties, boolean covers) {
        this.properties = properties;
        this.covers = covers;
    }

    /** False for {@link #NONE}. */
    boolean covers() {
        return covers;
    }

    /** True when {@code value} breaks none of its type's constraints; false means "ask the validator". */
    boolean passes(Object value) {
        if (!covers) {
            return false;
        }
        try {
            for (Property property : properties) {
                if (!property.check().test((Object) property.getter().invokeExact(value))) {
                    return false;
                }
            }
            return true;
        } catch (Throwable e) { // a validator that throws, or a value of another shape: the validator's own run decides
            return false;
        }
    }

    /** The quick check of {@code type} by {@code validator}'s metadata, or {@link #NONE} when it does not cover it all. */
    static QuickCheck of(Validator validator, Class<?> type) {
        try {
            return build(validator, type, new ArrayList<>());
        } catch (Unsupported e) {
            return NONE;
        }
    }

    private static QuickCheck build(Validator validator, Class<?> type, List<Class<?>> building) {
        if (building.contains(type)) {
            throw new Unsupported(); // a cycle of cascades
        }
        building.add(type);
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            throw new Unsupported();
        }
        List<Property> properties = new ArrayList<>();
        for (PropertyDescriptor descriptor : bean.getConstrainedProperties()) {
            if (!descriptor.getGroupConversions().isEmpty()) {
                throw new Unsupported();
            }
            Field field = field(type, descriptor.getPropertyName());
            List<Predicate<Object>> checks = checks(descriptor.getConstraintDescriptors(), field.getType());
            if (descriptor.isCascaded()) {
                checks.add(cascade(validator, field, building));
            }
            for (ContainerElementTypeDescriptor element : descriptor.getConstrainedContainerElementTypes()) {
                if (!Collection.class.isAssignableFrom(element.getContainerClass()) || element.getTypeArgumentIndex() != 0
                        || !element.getConstrainedContainerElementTypes().isEmpty() || !element.getGroupConversions().isEmpty()) {
                    throw new Unsupported();
                }
                List<Predicate<Object>> elementChecks = checks(element.getConstraintDescriptors(), elementType(field));
                Predicate<Object> each = allOf(elementChecks);
                checks.add(v -> v == null || all((Collection<?>) v, each));
                if (element.isCascaded()) {
                    checks.add(cascade(validator, field, building));
                }
            }
            properties.add(new Property(getter(field), allOf(checks)));
        }
        building.remove(type);
        return new QuickCheck(properties.toArray(Property[]::new), true);
    }

    /**
     * Cascading into a field's value, or into each element of a collection, null passing. The contract's cascades are
     * into records, which are final: the value's class is the declared one, so its check is made here, once.
     */
    private static Predicate<Object> cascade(Validator validator, Field field, List<Class<?>> building) {
        boolean collection = Collection.class.isAssignableFrom(field.getType());
        Class<?> target = collection ? elementType(field) : field.getType();
        if (!Modifier.isFinal(target.getModifiers()) || target.isArray() || Map.class.isAssignableFrom(target)
                || Optional.class == target) {
            throw new Unsupported();
        }
        QuickCheck check = build(validator, target, building);
        Predicate<Object> one = v -> v == null || check.passes(v);
        return collection ? v -> v == null || all((Collection<?>) v, one) : one;
    }

    private static MethodHandle getter(Field field) {
        try {
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unsupported();
        }
    }

    /** One predicate for all of {@code checks}, true when there are none. */
    private static Predicate<Object> allOf(List<Predicate<Object>> checks) {
        if (checks.isEmpty()) {
            return v -> true;
        }
        if (checks.size() == 1) {
            return checks.get(0);
        }
        @SuppressWarnings("unchecked")
        Predicate<Object>[] all = checks.toArray(Predicate[]::new);
        return v -> {
            for (Predicate<Object> check : all) {
                if (!check.test(v)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static List<Predicate<Object>> checks(Set<ConstraintDescriptor<?>> constraints, Class<?> valueType) {
        List<Predicate<Object>> checks = new ArrayList<>();
        for (ConstraintDescriptor<?> constraint : constraints) {
            if (!constraint.getComposingConstraints().isEmpty() || !constraint.getGroups().equals(Set.of(Default.class))
                    || constraint.isReportAsSingleViolation()) {
                throw new Unsupported();
            }
            checks.add(check(constraint, valueType));
        }
        return checks;
    }

    /** The built-in constraints by their definition; any other by its own validator (the one for the value's type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate<Object> check(ConstraintDescriptor<?> constraint, Class<?> valueType) {
        Annotation annotation = constraint.getAnnotation();
        if (annotation instanceof NotNull) {
            return v -> v != null;
        }
        if (annotation instanceof NotBlank) {
            return v -> v != null && !v.toString().isBlank();
        }
        if (annotation instanceof NotEmpty) {
            return v -> v != null && size(v) > 0;
        }
        if (annotation instanceof Pattern p) {
            int flags = 0;
            for (Pattern.Flag flag : p.flags()) {
                flags |= flag.getValue();
            }
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(p.regexp(), flags);
            return v -> v == null || regex.matcher((CharSequence) v).matches();
        }
        if (annotation instanceof Size s) {
            int min = s.min(); // read once: an annotation's attributes are read through a proxy
            int max = s.max();
            return v -> {
                if (v == null) {
                    return true;
                }
                int size = size(v);
                return size >= min && size <= max;
            };
        }
        List<Class<?>> fitting = new ArrayList<>();
        for (Class<?> candidate : constraint.getConstraintValidatorClasses()) {
            if (validatedType(candidate).isAssignableFrom(valueType)) {
                fitting.add(candidate);
            }
        }
        if (fitting.size() != 1) {
            throw new Unsupported();
        }
        ConstraintValidator validator;
        try {
            validator = (ConstraintValidator) fitting.get(0).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new Unsupported();
        }
        validator.initialize(annotation);
        return v -> validator.isValid(v, null);
    }

    private static int size(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> values) {
            return values.size();
        }
        throw new Unsupported(); // maps and arrays are not in the contract
    }

    /** T of ConstraintValidator&lt;A, T&gt; as {@code type} declares it. */
    private static Class<?> validatedType(Class<?> type) {
        for (Type implemented : type.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType p && p.getRawType() == ConstraintValidator.class
                    && p.getActualTypeArguments()[1] instanceof Class<?> validated) {
                return validated;
            }
        }
        throw new Unsupported();
    }

    private static Class<?> elementType(Field field) {
        if (field.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        throw new Unsupported();
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new Unsupported(); // a getter property
        }
    }

    private static boolean all(Collection<?> values, Predicate<Object> check) {
        for (Object value : values) {
            if (!check.test(value)) {
                return false;
            }
        }
        return true;
    }

    private record Property(MethodHandle getter, Predicate<Object> check) {
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
