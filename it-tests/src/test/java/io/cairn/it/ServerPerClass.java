package io.cairn.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real server for all the tests of a class (starting one per test would multiply the
 * suite's time), with the clients a family of tests needs opened lazily by the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerPerClass {

    TestServer server;

    /** Extra command-line arguments for this class's server. */
    String[] serverArgs() {
        return new String[0];
    }

    /** Closes whatever connections the subclass opened; they are opened anew when next used. */
    abstract void closeClients();

    @BeforeAll
    void startServer() {
        server = TestServer.start(serverArgs());
    }

    @AfterAll
    void stopServer() {
        closeClients();
        server.close();
    }

    /** Stops and restarts the server on its data directory; earlier connections are closed. */
    void restart() {
        closeClients();
        server.restart();
    }
}
