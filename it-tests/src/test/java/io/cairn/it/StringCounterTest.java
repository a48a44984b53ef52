package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cairn.storage.Entry;
import io.lettuce.core.SetArgs;

/** INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT. */
class StringCounterTest extends StringTestSupport {

    private static final String OVERFLOW = error("ERR increment or decrement would overflow");
    private static final String NOT_FINITE = error("ERR increment would produce NaN or Infinity");

    // ---- INCR DECR INCRBY DECRBY ------------------------------------------------------------

    @Test
    void incrOfAnAbsentKeyStartsFromZero() {
        assertEquals(integer(1), call2("INCR", "incr:new"));
        assertEquals(integer(-1), call2("DECR", "decr:new"));
        assertEquals("1", resp2().get("incr:new"));
    }

    @Test
    void incrAndDecrStepByOne() {
        resp2().set("incr:step", "41");
        assertEquals(42L, resp2().incr("incr:step"));
        assertEquals(43L, resp3().incr("incr:step"));
        assertEquals(42L, resp3().decr("incr:step"));
        assertEquals("42", resp2().get("incr:step"));
    }

    @Test
    void incrbyAndDecrbyTakeSignedSteps() {
        assertEquals(integer(10), call2("INCRBY", "incrby:k", "10"));
        assertEquals(integer(5), call2("INCRBY", "incrby:k", "-5"));
        assertEquals(integer(-95), call2("DECRBY", "incrby:k", "100"));
        assertEquals(integer(-90), call2("DECRBY", "incrby:k", "-5"));
        assertEquals(-80L, resp3().incrby("incrby:k", 10));
        assertEquals(-100L, resp2().decrby("incrby:k", 20));
    }

    @Test
    void incrThroughLettuceAsync() throws Exception {
        assertEquals(7L, async2().incrby("incr:async", 7).get(5, TimeUnit.SECONDS));
        assertEquals(8L, async3().incr("incr:async").get(5, TimeUnit.SECONDS));
    }

    @Test
    void incrPastTheLargest64BitIntegerIsAnOverflowErrorThatChangesNothing() {
        resp2().set("incr:max", "9223372036854775807");
        assertEquals(OVERFLOW, call2("INCR", "incr:max"));
        assertEquals(OVERFLOW, call2("INCRBY", "incr:max", "1"));
        assertEquals(OVERFLOW, call2("DECRBY", "incr:max", "-1"));
        assertEquals("9223372036854775807", resp2().get("incr:max"));
    }

    @Test
    void decrPastTheSmallest64BitIntegerIsAnOverflowErrorThatChangesNothing() {
        resp2().set("incr:min", "-9223372036854775808");
        assertEquals(OVERFLOW, call2("DECR", "incr:min"));
        assertEquals(OVERFLOW, call2("INCRBY", "incr:min", "-1"));
        assertEquals("-9223372036854775808", resp2().get("incr:min"));
    }

    @Test
    void incrbyCanReachBothLimitsExactly() {
        resp2().set("incr:limits", "-1");
        assertEquals(integer(Long.MIN_VALUE), call2("INCRBY", "incr:limits", "-9223372036854775807"));
        resp2().set("incr:limits", "1");
        assertEquals(integer(Long.MAX_VALUE), call2("INCRBY", "incr:limits", "9223372036854775806"));
    }

    @Test
    void decrbyOfTheSmallest64BitIntegerIsRefusedBeforeTheKeyIsRead() {
        resp2().set("decrby:min", "0");
        assertEquals(error("ERR decrement would overflow"), call2("DECRBY", "decrby:min", "-9223372036854775808"));
        putJson("decrby:json", "{}");
        assertEquals(error("ERR decrement would overflow"), call2("DECRBY", "decrby:json", "-9223372036854775808"));
        assertEquals("0", resp2().get("decrby:min"));
    }

    @Test
    void incrOfAValueThatIsNotAStrictIntegerIsRefused() {
        for (String v : new String[] {"abc", " 1", "1 ", "01", "-0", "+1", "1.0", "1e3", "",
                "123456789012345678901", "9223372036854775808"}) {
            resp2().set("incr:bad", v);
            assertEquals(NOT_INTEGER, call2("INCR", "incr:bad"), "value '" + v + "'");
            assertEquals(v, resp2().get("incr:bad"));
        }
    }

    @Test
    void incrbyWithAnIncrementThatIsNotAnIntegerIsRefused() {
        resp2().set("incrby:badarg", "1");
        assertEquals(NOT_INTEGER, call2("INCRBY", "incrby:badarg", "x"));
        assertEquals(NOT_INTEGER, call2("INCRBY", "incrby:badarg", "1.5"));
        assertEquals(NOT_INTEGER, call2("DECRBY", "incrby:badarg", "9223372036854775808"));
        assertEquals("1", resp2().get("incrby:badarg"));
    }

    @Test
    void incrOfANonStringIsWrongType() {
        putJson("incr:json", "5");
        assertEquals(WRONGTYPE, call2("INCR", "incr:json"));
        assertEquals(WRONGTYPE, call2("DECRBY", "incr:json", "1"));
        assertEquals("ReJSON-RL", typeOf("incr:json"));
    }

    @Test
    void incrbyChecksItsIncrementBeforeTheKeysType() {
        putJson("incrby:json", "5");
        assertEquals(NOT_INTEGER, call2("INCRBY", "incrby:json", "nope"));
    }

    @Test
    void incrKeepsTtlAndMetadata() {
        long deadline = nowMillis() + 100_000;
        putWithMeta("incr:keep", "10", deadline, "counter");
        assertEquals(integer(11), call2("INCR", "incr:keep"));
        assertEquals(deadline, expireAt("incr:keep"));
        assertEquals("counter", meta("incr:keep"));
    }

    @Test
    void incrGivesTheKeyANewGeneration() {
        resp2().set("incr:gen", "1");
        long before = generation("incr:gen");
        resp2().incr("incr:gen");
        assertEquals(true, generation("incr:gen") > before);
    }

    // ---- INCRBYFLOAT ------------------------------------------------------------------------

    @Test
    void incrbyfloatRepliesABulkStringInBothProtocols() {
        assertEquals(bulk("10.5"), call2("INCRBYFLOAT", "float:bulk", "10.5"));
        assertEquals(bulk("11"), call3("INCRBYFLOAT", "float:bulk", "0.5"));
        assertEquals(11.5, resp3().incrbyfloat("float:bulk", 0.5));
        assertEquals(12.0, resp2().incrbyfloat("float:bulk", 0.5));
    }

    @Test
    void incrbyfloatPrintsIntegralResultsWithoutAFraction() {
        resp2().set("float:int", "10.5");
        assertEquals(bulk("3000"), call2("INCRBYFLOAT", "float:int", "2989.5"));
        assertEquals(bulk("5000"), call2("INCRBYFLOAT", "float:int2", "5.0e3"));
        assertEquals(bulk("100000000000000000000"), call2("INCRBYFLOAT", "float:int3", "1e20"));
        assertEquals("3000", resp2().get("float:int"));
    }

    @Test
    void incrbyfloatComputesInLongDoublePrecision() {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles; Redis's long double prints 0.3.
        assertEquals(bulk("0.1"), call2("INCRBYFLOAT", "float:ld", "0.1"));
        assertEquals(bulk("0.3"), call2("INCRBYFLOAT", "float:ld", "0.2"));
        assertEquals(bulk("3.14159265358979324"), call2("INCRBYFLOAT", "float:pi", "3.14159265358979323846264338327950288"));
        assertEquals(bulk("2.04159265358979324"), call2("INCRBYFLOAT", "float:pi", "-1.1"));
        assertEquals(bulk("123456789.12345678899873747"), call2("INCRBYFLOAT", "float:big", "123456789.123456789"));
    }

    @Test
    void incrbyfloatPrintsSeventeenDecimalsRoundedHalfToEven() {
        assertEquals(bulk("0.00000381469726562"), call2("INCRBYFLOAT", "float:tie", "0.000003814697265625"));
        assertEquals(bulk("0"), call2("INCRBYFLOAT", "float:tiny", "1e-20"));
        assertEquals(bulk("0"), call2("INCRBYFLOAT", "float:tinyneg", "-1e-20"));
        assertEquals(bulk("0"), call2("INCRBYFLOAT", "float:negzero", "-0.0"));
    }

    @Test
    void incrbyfloatPrintsHugeValuesInFull() {
        assertEquals(bulk("17000000000000000000"), call2("INCRBYFLOAT", "float:huge0", "1.7e19"));
        String reply = call2("INCRBYFLOAT", "float:huge", "1.7e308");
        assertEquals(bulk("170000000000000000003136778025197596795270213889694133733043585763202456051205820994061869"
                + "588900300336978523841885631712661403498918000793480728637410016696547450658600006812401305436257622"
                + "907062380271462782244438270443691335452761319068709501902589182028026014367280506332405764915517562"
                + "011679309777401282560"), reply);
    }

    @Test
    void incrbyfloatAcceptsTheSpellingsStrtoldAccepts() {
        assertEquals(bulk("16"), call2("INCRBYFLOAT", "float:hex", "0x10"));
        assertEquals(bulk("19"), call2("INCRBYFLOAT", "float:hex", "0x1.8p1"));
        assertEquals(bulk("0.5"), call2("INCRBYFLOAT", "float:dot", ".5"));
        assertEquals(bulk("5.5"), call2("INCRBYFLOAT", "float:dot", "5."));
        assertEquals(bulk("8.5"), call2("INCRBYFLOAT", "float:dot", "+3"));
        assertEquals(bulk("0"), call2("INCRBYFLOAT", "float:denormal", "1e-4940"));
    }

    @Test
    void incrbyfloatRefusesAnIncrementThatIsNotAFloat() {
        resp2().set("float:badinc", "1");
        for (String inc : new String[] {"abc", " 1", "1 ", "1e", "", "nan", "0x", "0x1p", "1e5000", "1e-5000", "1,5"}) {
            assertEquals(NOT_FLOAT, call2("INCRBYFLOAT", "float:badinc", inc), "increment '" + inc + "'");
        }
        assertEquals("1", resp2().get("float:badinc"));
    }

    @Test
    void incrbyfloatRefusesAStoredValueThatIsNotAFloatBeforeLookingAtTheIncrement() {
        resp2().set("float:badval", "abc");
        assertEquals(NOT_FLOAT, call2("INCRBYFLOAT", "float:badval", "1"));
        resp2().set("float:badval", "1.5 ");
        assertEquals(NOT_FLOAT, call2("INCRBYFLOAT", "float:badval", "1"));
        assertEquals("1.5 ", resp2().get("float:badval"));
    }

    @Test
    void incrbyfloatRefusesAStoredValueWithAnEmbeddedNulByte() {
        try (RawClient c = server.raw()) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$9\r\nfloat:nul\r\n$3\r\n1\0002\r\n");
            assertEquals(OK, c.readReply());
            assertEquals(NOT_FLOAT, c.call("INCRBYFLOAT", "float:nul", "1"));
            assertEquals(NOT_INTEGER, c.call("INCR", "float:nul"));
        }
    }

    @Test
    void incrbyfloatThatWouldProduceInfinityIsRefused() {
        assertEquals(NOT_FINITE, call2("INCRBYFLOAT", "float:inf", "inf"));
        assertEquals(NOT_FINITE, call2("INCRBYFLOAT", "float:inf", "-infinity"));
        assertNull(resp2().get("float:inf"));
        resp2().set("float:storedinf", "inf");
        assertEquals(NOT_FINITE, call2("INCRBYFLOAT", "float:storedinf", "1"));
        assertEquals("inf", resp2().get("float:storedinf"));
    }

    @Test
    void incrbyfloatOverflowingTheLongDoubleRangeIsRefusedAndChangesNothing() {
        String first = call2("INCRBYFLOAT", "float:overflow", "1.18e4932");
        assertEquals("$4933\r\n11800000000000000000006528129180936992", first.substring(0, 45));
        assertEquals(NOT_FINITE, call2("INCRBYFLOAT", "float:overflow", "1.18e4932"));
        assertEquals(first, call2("GET", "float:overflow"));
    }

    @Test
    void incrbyfloatOfANonStringIsWrongType() {
        putJson("float:json", "1.5");
        assertEquals(WRONGTYPE, call2("INCRBYFLOAT", "float:json", "1"));
        assertEquals(WRONGTYPE, call2("INCRBYFLOAT", "float:json", "abc"));
    }

    @Test
    void incrbyfloatKeepsTtlAndMetadata() {
        long deadline = nowMillis() + 100_000;
        putWithMeta("float:keep", "1.5", deadline, "m");
        assertEquals(bulk("2"), call2("INCRBYFLOAT", "float:keep", "0.5"));
        assertEquals(deadline, expireAt("float:keep"));
        assertEquals("m", meta("float:keep"));
    }

    @Test
    void incrbyfloatWorksOnIntegersWrittenByIncr() {
        resp2().incrby("float:fromint", 41);
        assertEquals(bulk("42.25"), call2("INCRBYFLOAT", "float:fromint", "1.25"));
    }

    @Test
    void incrAfterSetWithTtlKeepsThatTtl() {
        resp2().set("incr:ttl", "1", SetArgs.Builder.ex(1000));
        long deadline = expireAt("incr:ttl");
        resp2().incr("incr:ttl");
        assertEquals(deadline, expireAt("incr:ttl"));
        assertEquals(true, deadline != Entry.NO_EXPIRY);
    }
}
