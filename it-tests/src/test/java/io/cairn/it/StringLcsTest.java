package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.lettuce.core.LcsArgs;
import io.lettuce.core.StringMatchResult;

/** LCS with LEN, IDX, MINMATCHLEN and WITHMATCHLEN, in both protocols. */
class StringLcsTest extends StringTestSupport {

    private static final String MATCHES_WITHLEN = "$7\r\nmatches\r\n*2\r\n"
            + "*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n"
            + "*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n"
            + "$3\r\nlen\r\n:6\r\n";

    private void seed() {
        resp2().set("lcs:a", "ohmytext");
        resp2().set("lcs:b", "mynewtext");
    }

    @Test
    void lcsRepliesTheLongestCommonSubsequence() {
        seed();
        assertEquals(bulk("mytext"), call2("LCS", "lcs:a", "lcs:b"));
        assertEquals("mytext", resp3().lcs(LcsArgs.Builder.keys("lcs:a", "lcs:b")).getMatchString());
    }

    @Test
    void lcsLenRepliesOnlyTheLength() {
        seed();
        assertEquals(integer(6), call2("LCS", "lcs:a", "lcs:b", "LEN"));
        assertEquals(6, resp2().lcs(LcsArgs.Builder.keys("lcs:a", "lcs:b").justLen()).getLen());
    }

    @Test
    void lcsIdxIsAMapInResp3() {
        seed();
        assertEquals("%2\r\n" + MATCHES_WITHLEN, call3("LCS", "lcs:a", "lcs:b", "IDX", "WITHMATCHLEN"));
    }

    @Test
    void lcsIdxIsAFlatArrayInResp2() {
        seed();
        assertEquals("*4\r\n" + MATCHES_WITHLEN, call2("LCS", "lcs:a", "lcs:b", "idx", "withmatchlen"));
    }

    @Test
    void lcsIdxWithoutMatchLengthsHasPairsOfRanges() {
        seed();
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n"
                + "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
                + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n"
                + "$3\r\nlen\r\n:6\r\n", call2("LCS", "lcs:a", "lcs:b", "IDX"));
    }

    @Test
    void lcsMinmatchlenDropsShorterRanges() {
        seed();
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n",
                call2("LCS", "lcs:a", "lcs:b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
        assertEquals(call2("LCS", "lcs:a", "lcs:b", "IDX"), call2("LCS", "lcs:a", "lcs:b", "IDX", "MINMATCHLEN", "-5"));
    }

    @Test
    void lcsIdxThroughLettuceInBothProtocols() {
        seed();
        for (StringMatchResult r : new StringMatchResult[] {
                resp2().lcs(LcsArgs.Builder.keys("lcs:a", "lcs:b").withIdx().withMatchLen()),
                resp3().lcs(LcsArgs.Builder.keys("lcs:a", "lcs:b").withIdx().withMatchLen())}) {
            assertEquals(6, r.getLen());
            assertEquals(2, r.getMatches().size());
            assertEquals(4, r.getMatches().get(0).getA().getStart());
            assertEquals(8, r.getMatches().get(0).getB().getEnd());
            assertEquals(2, r.getMatches().get(1).getMatchLen());
        }
    }

    @Test
    void lcsTreatsAbsentKeysAsEmptyStrings() {
        resp2().set("lcs:only", "abc");
        assertEquals(EMPTY_BULK, call2("LCS", "lcs:only", "lcs:absent"));
        assertEquals(integer(0), call2("LCS", "lcs:absent", "lcs:absent2", "LEN"));
        assertEquals("%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", call3("LCS", "lcs:absent", "lcs:absent2", "IDX"));
    }

    @Test
    void lcsOfAStringWithItselfIsOneRange() {
        resp2().set("lcs:self", "abcdef");
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:0\r\n:5\r\n*2\r\n:0\r\n:5\r\n:6\r\n$3\r\nlen\r\n:6\r\n",
                call2("LCS", "lcs:self", "lcs:self", "IDX", "WITHMATCHLEN"));
    }

    @Test
    void lcsBreaksTiesAsRedisDoes() {
        // Values and answers taken from Redis 7.0.15.
        resp2().set("lcs:t1", "aaaaabbbbbaaaaa");
        resp2().set("lcs:t2", "bbbaaaaaabbbbab");
        assertEquals(bulk("aaaaabbbba"), call2("LCS", "lcs:t1", "lcs:t2"));
        resp2().set("lcs:t3", "abcdefghij");
        resp2().set("lcs:t4", "axcxexgxix");
        assertEquals("*4\r\n$7\r\nmatches\r\n*5\r\n"
                + "*3\r\n*2\r\n:8\r\n:8\r\n*2\r\n:8\r\n:8\r\n:1\r\n"
                + "*3\r\n*2\r\n:6\r\n:6\r\n*2\r\n:6\r\n:6\r\n:1\r\n"
                + "*3\r\n*2\r\n:4\r\n:4\r\n*2\r\n:4\r\n:4\r\n:1\r\n"
                + "*3\r\n*2\r\n:2\r\n:2\r\n*2\r\n:2\r\n:2\r\n:1\r\n"
                + "*3\r\n*2\r\n:0\r\n:0\r\n*2\r\n:0\r\n:0\r\n:1\r\n"
                + "$3\r\nlen\r\n:5\r\n", call2("LCS", "lcs:t3", "lcs:t4", "IDX", "WITHMATCHLEN"));
    }

    @Test
    void lcsOfANonStringNamesTheRequirement() {
        resp2().set("lcs:str", "abc");
        putJson("lcs:json", "{}");
        String err = error("ERR The specified keys must contain string values");
        assertEquals(err, call2("LCS", "lcs:str", "lcs:json"));
        assertEquals(err, call2("LCS", "lcs:json", "lcs:str", "BADOPTION"));
    }

    @Test
    void lcsRefusesLenTogetherWithIdx() {
        seed();
        assertEquals(error("ERR If you want both the length and indexes, please just use IDX."),
                call2("LCS", "lcs:a", "lcs:b", "LEN", "IDX"));
    }

    @Test
    void lcsRefusesUnknownOrIncompleteOptions() {
        seed();
        assertEquals(SYNTAX, call2("LCS", "lcs:a", "lcs:b", "FOO"));
        assertEquals(SYNTAX, call2("LCS", "lcs:a", "lcs:b", "MINMATCHLEN"));
        assertEquals(NOT_INTEGER, call2("LCS", "lcs:a", "lcs:b", "MINMATCHLEN", "x"));
    }

    @Test
    void lcsWithOneKeyIsAnArityError() {
        assertEquals(error("ERR wrong number of arguments for 'lcs' command"), call2("LCS", "lcs:a"));
    }

    @Test
    void lcsRefusesATableLargerThanProtoMaxBulkLen() {
        // 4,200 x 4,200 entries of 4 bytes is about 70 MB, over the 64 MB default.
        String big = "a".repeat(4200);
        resp2().set("lcs:big1", big);
        resp2().set("lcs:big2", big);
        assertEquals(error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
                call2("LCS", "lcs:big1", "lcs:big2"));
    }
}
