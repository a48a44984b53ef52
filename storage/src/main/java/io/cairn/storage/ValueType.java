package io.cairn.storage;

/** The type of an entry's value, with the name {@code TYPE} answers and a stable on-disk code. */
public enum ValueType {
    STRING("string", 0),
    JSON("ReJSON-RL", 1);

    private final String typeName;
    private final int code;

    ValueType(String typeName, int code) {
        this.typeName = typeName;
        this.code = code;
    }

    /** What Redis's TYPE command answers for this type. */
    public String typeName() {
        return typeName;
    }

    public int code() {
        return code;
    }

    public static ValueType ofCode(int code) {
        for (ValueType t : values()) if (t.code == code) return t;
        throw new IllegalArgumentException("unknown value type code " + code);
    }
}
