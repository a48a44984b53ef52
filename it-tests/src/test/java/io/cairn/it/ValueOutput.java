package io.cairn.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;

/**
 * Any reply as a plain Java value, nested as sent: Long, Double, Boolean, String (bulk and
 * simple strings), null, List (arrays, sets, and maps in RESP2 as flat lists), Map (RESP3 maps,
 * keyed by their string keys).
 */
final class ValueOutput extends CommandOutput<String, String, Object> {

    /** An aggregate being filled: how many items it still expects. */
    private static final class Open {
        final List<Object> items = new ArrayList<>();
        final boolean map;
        int remaining;

        Open(int count, boolean map) {
            this.map = map;
            this.remaining = map ? count * 2 : count;
        }

        Object value() {
            if (!map) return items;
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < items.size(); i += 2) m.put(String.valueOf(items.get(i)), items.get(i + 1));
            return m;
        }
    }

    private final Deque<Open> stack = new ArrayDeque<>();

    ValueOutput() {
        super(StringCodec.UTF8, null);
    }

    private void add(Object v) {
        if (stack.isEmpty()) {
            output = v;
            return;
        }
        Open top = stack.peek();
        top.items.add(v);
        top.remaining--;
        while (!stack.isEmpty() && stack.peek().remaining <= 0) {
            Open done = stack.pop();
            Object value = done.value();
            if (stack.isEmpty()) {
                output = value;
            } else {
                stack.peek().items.add(value);
                stack.peek().remaining--;
            }
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : StandardCharsets.UTF_8.decode(bytes).toString());
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        set(bytes);
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void multi(int count) {
        open(count, false);
    }

    @Override
    public void multiArray(int count) {
        open(count, false);
    }

    @Override
    public void multiSet(int count) {
        open(count, false);
    }

    @Override
    public void multiMap(int count) {
        open(count, true);
    }

    private void open(int count, boolean map) {
        if (count < 0) {
            add(null);
            return;
        }
        Open o = new Open(count, map);
        if (o.remaining == 0) {
            add(o.value());
            return;
        }
        stack.push(o);
    }
}
