package io.cairn.server.commands;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cairn.protocol.Reply;
import io.cairn.server.Server;
import io.cairn.server.Session;
import io.cairn.server.command.Args;
import io.cairn.server.command.CommandSpec;
import io.cairn.server.command.CommandStats;
import io.cairn.storage.Bucket;
import io.cairn.storage.EngineStats;

/**
 * INFO [section ...]: Redis's field names, so monitoring tools and client libraries that parse
 * INFO (version checks, role, keyspace) work unchanged, plus cairn_* fields for what Redis has no
 * name for. Sections come out in Redis's fixed order whatever order they were asked in.
 */
final class InfoCommand {

    /** What Cairn answers as redis_version: the Redis whose behaviour it follows. */
    static final String REDIS_VERSION = "7.0.15";

    private static final List<String> ORDER = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "cluster", "keyspace");
    private static final Set<String> DEFAULT = Set.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private final Server server;
    private final SaveState saves;
    private final Backups backups;
    private final OpsMeter ops;
    private final OpsMeter fsyncs;
    private final OpsMeter commits;
    private final String replId = randomHex(40);
    private long peakMemory;

    InfoCommand(Server server, SaveState saves, Backups backups) {
        this.server = server;
        this.saves = saves;
        this.backups = backups;
        this.ops = new OpsMeter(() -> server.stats().commandsProcessed.sum());
        this.fsyncs = new OpsMeter(() -> server.keyspace().engine().stats().fsyncs());
        this.commits = new OpsMeter(() -> server.keyspace().engine().stats().commits());
    }

    Reply handle(Session session, Args args) {
        Set<String> wanted = new LinkedHashSet<>();
        if (args.count() == 1) wanted.addAll(DEFAULT);
        for (int i = 1; i < args.count(); i++) {
            String s = args.string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> wanted.addAll(DEFAULT);
                case "all", "everything" -> wanted.addAll(ORDER);
                default -> wanted.add(s);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String section : ORDER) {
            if (!wanted.contains(section)) continue;
            // Redis separates sections with an empty line.
            if (out.length() > 0) out.append("\r\n");
            out.append("# ").append(title(section)).append("\r\n");
            for (String line : lines(section)) out.append(line).append("\r\n");
        }
        return Reply.verbatim(out.toString());
    }

    private static String title(String section) {
        return switch (section) {
            case "cpu" -> "CPU";
            case "commandstats" -> "Commandstats";
            case "errorstats" -> "Errorstats";
            default -> Character.toUpperCase(section.charAt(0)) + section.substring(1);
        };
    }

    private List<String> lines(String section) {
        return switch (section) {
            case "server" -> serverSection();
            case "clients" -> clients();
            case "memory" -> memory();
            case "persistence" -> persistence();
            case "stats" -> stats();
            case "replication" -> replication();
            case "cpu" -> cpu();
            case "commandstats" -> commandStats();
            case "errorstats" -> errorStats();
            case "cluster" -> List.of("cluster_enabled:0");
            case "keyspace" -> keyspace();
            default -> List.of();
        };
    }

    private List<String> serverSection() {
        long uptime = server.uptimeMillis() / 1000;
        long nowMicros = nowMicros();
        Path configFile = server.config().file();
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64")) arch = "x86_64";
        List<String> l = new ArrayList<>();
        l.add("redis_version:" + REDIS_VERSION);
        l.add("cairn_version:" + cairnVersion());
        l.add("redis_git_sha1:00000000");
        l.add("redis_git_dirty:0");
        l.add("redis_build_id:0");
        l.add("redis_mode:standalone");
        l.add("os:" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
        l.add("arch_bits:" + System.getProperty("sun.arch.data.model", "64"));
        l.add("java_version:" + System.getProperty("java.version"));
        l.add("process_id:" + ProcessHandle.current().pid());
        l.add("process_supervised:no");
        l.add("run_id:" + server.runId());
        l.add("tcp_port:" + server.port());
        l.add("server_time_usec:" + nowMicros);
        l.add("uptime_in_seconds:" + uptime);
        l.add("uptime_in_days:" + uptime / 86400);
        l.add("hz:" + server.config().get("hz"));
        l.add("configured_hz:" + server.config().get("hz"));
        l.add("lru_clock:" + (nowMicros / 1_000_000 & ((1 << 24) - 1)));
        l.add("executable:" + ProcessHandle.current().info().command().orElse(""));
        l.add("config_file:" + (configFile == null ? "" : configFile.toString()));
        l.add("io_threads_active:0");
        return l;
    }

    private List<String> clients() {
        return List.of(
                "connected_clients:" + server.clients().count(),
                "cluster_connections:0",
                "maxclients:" + server.config().get("maxclients"),
                "client_recent_max_input_buffer:0",
                "client_recent_max_output_buffer:0",
                "blocked_clients:0",
                "tracking_clients:0",
                "clients_in_timeout_table:0");
    }

    private List<String> memory() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long rss = rt.totalMemory();
        synchronized (this) {
            peakMemory = Math.max(peakMemory, used);
        }
        long maxmemory = server.config().getMemory("maxmemory");
        long total = totalSystemMemory();
        return List.of(
                "used_memory:" + used,
                "used_memory_human:" + human(used),
                "used_memory_rss:" + rss,
                "used_memory_rss_human:" + human(rss),
                "used_memory_peak:" + peakMemory,
                "used_memory_peak_human:" + human(peakMemory),
                "total_system_memory:" + total,
                "total_system_memory_human:" + human(total),
                "maxmemory:" + maxmemory,
                "maxmemory_human:" + human(maxmemory),
                "maxmemory_policy:" + server.config().get("maxmemory-policy"),
                "jvm_max_heap:" + rt.maxMemory(),
                "jvm_max_heap_human:" + human(rt.maxMemory()),
                "mem_allocator:jvm");
    }

    private List<String> persistence() {
        EngineStats e = server.keyspace().engine().stats();
        return List.of(
                "loading:0",
                "async_loading:0",
                "rdb_changes_since_last_save:" + e.pendingWrites(),
                "rdb_bgsave_in_progress:" + (saves.inProgress() ? 1 : 0),
                "rdb_last_save_time:" + server.lastSaveSeconds(),
                "rdb_last_bgsave_status:" + (e.lastCommitOk() && saves.lastBackgroundOk() ? "ok" : "err"),
                "rdb_last_bgsave_time_sec:" + saves.lastBackgroundSeconds(),
                "rdb_current_bgsave_time_sec:" + saves.currentBackgroundSeconds(),
                "rdb_saves:" + saves.count(),
                // Cairn's commit log is always on, whatever appendonly says: it is how writes
                // held in memory survive a crash.
                "aof_enabled:1",
                "aof_rewrite_in_progress:0",
                "aof_rewrite_scheduled:0",
                "aof_last_write_status:" + (e.logFailure() == null ? "ok" : "err"),
                "cairn_appendfsync:" + e.fsyncPolicy().configName(),
                "cairn_fsyncs:" + e.fsyncs(),
                "cairn_fsyncs_per_sec:" + fsyncs.perSecond(),
                "cairn_last_fsync_time:" + e.lastFsyncMillis() / 1000,
                "cairn_log_status:" + (e.logFailure() == null ? "ok" : e.logFailure().replace('\r', ' ').replace('\n', ' ')),
                "cairn_last_commit_time:" + e.lastCommitMillis() / 1000,
                "cairn_last_commit_status:" + (e.lastCommitOk() ? "ok" : "err"),
                "cairn_commits:" + e.commits(),
                "cairn_commits_per_sec:" + commits.perSecond(),
                "cairn_pending_writes:" + e.pendingWrites(),
                "cairn_disk_bytes:" + e.bytesOnDisk(),
                "cairn_backup_in_progress:" + (backups.inProgress() ? 1 : 0),
                "cairn_last_backup_status:" + backups.lastStatus(),
                "cairn_last_backup_time:" + backups.lastSeconds(),
                "cairn_last_backup_dir:" + backups.lastDirectory());
    }

    private List<String> stats() {
        var s = server.stats();
        var ks = server.keyspace();
        return List.of(
                "total_connections_received:" + s.connectionsReceived.get(),
                "total_commands_processed:" + s.commandsProcessed.sum(),
                "instantaneous_ops_per_sec:" + ops.perSecond(),
                "total_net_input_bytes:" + s.netInputBytes.sum(),
                "total_net_output_bytes:" + s.netOutputBytes.sum(),
                "rejected_connections:" + s.rejectedConnections.get(),
                "sync_full:0",
                "sync_partial_ok:0",
                "sync_partial_err:0",
                "expired_keys:" + ks.expiredKeys(),
                "evicted_keys:0",
                "keyspace_hits:" + ks.hits(),
                "keyspace_misses:" + ks.misses(),
                "pubsub_channels:0",
                "pubsub_patterns:0",
                "latest_fork_usec:0",
                "total_forks:0",
                "unexpected_error_replies:" + s.unexpectedErrorReplies.sum(),
                "total_error_replies:" + s.errorReplies.sum());
    }

    private List<String> replication() {
        return List.of(
                "role:master",
                "connected_slaves:0",
                "master_failover_state:no-failover",
                "master_replid:" + replId,
                "master_replid2:0000000000000000000000000000000000000000",
                "master_repl_offset:0",
                "second_repl_offset:-1",
                "repl_backlog_active:0",
                "repl_backlog_size:1048576",
                "repl_backlog_first_byte_offset:0",
                "repl_backlog_histlen:0");
    }

    /** CPU time of the live threads, split into user and system as Redis reports it. */
    private List<String> cpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long user = 0;
        if (threads.isThreadCpuTimeSupported()) {
            for (long id : threads.getAllThreadIds()) {
                long c = threads.getThreadCpuTime(id);
                long u = threads.getThreadUserTime(id);
                if (c > 0) cpu += c;
                if (u > 0) user += u;
            }
        }
        return List.of(
                "used_cpu_sys:" + seconds(cpu - user),
                "used_cpu_user:" + seconds(user),
                "used_cpu_sys_children:0.000000",
                "used_cpu_user_children:0.000000");
    }

    private List<String> commandStats() {
        List<String> l = new ArrayList<>();
        for (CommandSpec spec : server.table().allSpecs()) {
            CommandStats st = spec.stats();
            long calls = st.calls.sum();
            long rejected = st.rejected.sum();
            long failed = st.failed.sum();
            if (calls == 0 && rejected == 0 && failed == 0) continue;
            long usec = st.micros.sum();
            l.add("cmdstat_" + spec.name() + ":calls=" + calls + ",usec=" + usec + ",usec_per_call="
                    + String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls)
                    + ",rejected_calls=" + rejected + ",failed_calls=" + failed);
        }
        return l;
    }

    private List<String> errorStats() {
        List<String> l = new ArrayList<>();
        for (Map.Entry<String, Long> e : server.stats().errorCounts().entrySet()) {
            l.add("errorstat_" + e.getKey() + ":count=" + e.getValue());
        }
        return l;
    }

    private List<String> keyspace() {
        List<String> l = new ArrayList<>();
        for (int db = 0; db < server.databases(); db++) {
            Bucket b = server.keyspace().bucket(db);
            long keys = b.size();
            if (keys == 0) continue;
            l.add("db" + db + ":keys=" + keys + ",expires=" + b.sizeExpiring() + ",avg_ttl=0");
        }
        return l;
    }

    /** Redis's bytesToHuman: B, then K, M, G, T, P with two decimals. */
    static String human(long n) {
        if (n < 1024) return n + "B";
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", Math.max(0, nanos) / 1e9);
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static String cairnVersion() {
        String v = InfoCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static String randomHex(int chars) {
        byte[] b = new byte[chars / 2];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
