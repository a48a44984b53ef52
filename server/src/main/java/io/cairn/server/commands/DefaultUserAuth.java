package io.cairn.server.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.cairn.server.Server;

/**
 * Password checks for the one user that exists until ACL lands: "default", whose password is
 * {@code requirepass} (none configured = Redis's "nopass": any password is accepted).
 */
final class DefaultUserAuth {

    static final String DEFAULT_USER = "default";
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

    private final Server server;

    DefaultUserAuth(Server server) {
        this.server = server;
    }

    /** True when the default user has no password, as with Redis's default "nopass". */
    boolean noPassword() {
        return server.config().get("requirepass").isEmpty();
    }

    boolean check(String user, byte[] password) {
        if (!DEFAULT_USER.equals(user)) return false;
        if (noPassword()) return true;
        // Constant time, so the reply time does not reveal how much of a guess was right.
        return MessageDigest.isEqual(server.config().get("requirepass").getBytes(StandardCharsets.UTF_8), password);
    }
}
