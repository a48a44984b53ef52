package io.cairn.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds bytes through a {@link RespDecoder} in an EmbeddedChannel and renders the output. */
final class DecoderHarness {

    final RespDecoder decoder;
    final EmbeddedChannel channel;

    DecoderHarness() {
        this(new RespLimits());
    }

    DecoderHarness(RespLimits limits) {
        decoder = new RespDecoder(limits);
        channel = new EmbeddedChannel(decoder);
    }

    DecoderHarness feed(String latin1) {
        return feed(bytes(latin1));
    }

    DecoderHarness feed(byte[] data) {
        channel.writeInbound(Unpooled.wrappedBuffer(data));
        return this;
    }

    /** Decoded messages so far: commands as lists of Latin-1 strings, errors as ProtocolError. */
    List<Object> messages() {
        List<Object> out = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            out.add(msg instanceof byte[][] argv ? render(argv) : msg);
        }
        return out;
    }

    static List<Object> decodeInChunks(byte[] data, int... cuts) {
        DecoderHarness harness = new DecoderHarness();
        int from = 0;
        for (int cut : cuts) {
            harness.feed(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        harness.feed(Arrays.copyOfRange(data, from, data.length));
        return harness.messages();
    }

    static List<String> render(byte[][] argv) {
        List<String> args = new ArrayList<>(argv.length);
        for (byte[] arg : argv) args.add(new String(arg, StandardCharsets.ISO_8859_1));
        return args;
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<Object> commands(List<?>... commands) {
        return new ArrayList<>(Arrays.asList((Object[]) commands));
    }
}
