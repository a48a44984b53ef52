# Helpers shared by scripts/test, scripts/bench and scripts/run-session (sourced, not run).
# They start servers on free ports in the background and stop them again, so that a test or a
# benchmark never touches a server someone else is running on 6379.

CAIRN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAIRN_JAR="$CAIRN_ROOT/server/target/cairn-server.jar"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs a Debian package when one of its commands is missing. CI runs as root; elsewhere
# sudo is used if it exists, otherwise we say what is missing and stop.
ensure_command() {
    local cmd=$1 package=$2
    command -v "$cmd" >/dev/null 2>&1 && return 0
    log "$cmd not found: installing Debian package $package"
    local sudo=
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { log "need root (or sudo) to install $package"; return 1; }
        sudo=sudo
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null \
        && command -v "$cmd" >/dev/null 2>&1
}

# True when the shaded jar is missing or older than any source or pom of the modules it holds.
# A find over three source trees costs milliseconds; Maven would cost seconds even when idle.
jar_is_stale() {
    [ -f "$CAIRN_JAR" ] || return 0
    [ -n "$(find "$CAIRN_ROOT/pom.xml" "$CAIRN_ROOT/protocol" "$CAIRN_ROOT/storage" "$CAIRN_ROOT/server" \
        -path '*/target' -prune -o -type f -newer "$CAIRN_JAR" -print -quit 2>/dev/null)" ]
}

# Builds server/target/cairn-server.jar through the reactor when it is stale. Maven's output
# goes to stderr so that a caller reading our stdout (a server log) is not disturbed.
ensure_jar() {
    jar_is_stale || return 0
    log "building $CAIRN_JAR ..."
    (cd "$CAIRN_ROOT" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests -pl server -am) 2>&1 \
        | sed 's/\x1b\[[0-9;]*m//g' >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
    [ -f "$CAIRN_JAR" ] || { log "the build did not produce $CAIRN_JAR"; return 1; }
    # Maven leaves the jar's time at the build start when nothing changed; touch it so that the
    # staleness test above stays cheap and honest.
    touch "$CAIRN_JAR"
}

# The class-data-sharing archive of the jar's classes (AppCDS): with it the JVM maps the classes
# it would otherwise load and verify one by one, which halved the time from launch to serving
# on the 2-core dev machine (1.4 s to 0.7 s). Made by one training start of the server whenever
# the jar is newer than the archive; prints the JVM flag to use it, or nothing when it could not
# be made (the server then simply starts without it).
CAIRN_JSA="${CAIRN_JAR%.jar}.jsa"
ensure_cds() {
    if [ ! -f "$CAIRN_JSA" ] || [ "$CAIRN_JAR" -nt "$CAIRN_JSA" ]; then
        local tmp dir pid i
        tmp="$CAIRN_JSA.$$.tmp"
        dir=$(mktemp -d "${TMPDIR:-/tmp}/cairn-cds.XXXXXX")
        java -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$CAIRN_JAR" \
            --port 0 --dir "$dir/data" >"$dir/log" 2>&1 &
        pid=$!
        for i in $(seq 1 300); do
            grep -q '^Ready to accept connections' "$dir/log" 2>/dev/null && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        # The archive is written when the JVM exits normally, which SIGTERM gives.
        kill -TERM "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
        rm -rf "$dir"
        if [ -s "$tmp" ]; then mv -f "$tmp" "$CAIRN_JSA"; else rm -f "$tmp"; fi
    fi
    [ -f "$CAIRN_JSA" ] && [ ! "$CAIRN_JAR" -nt "$CAIRN_JSA" ] && echo "-XX:SharedArchiveFile=$CAIRN_JSA"
}

# A TCP port on 127.0.0.1 nobody listens on right now (for redis-server, which cannot be given
# port 0). Random in the ephemeral-free range so that parallel runs rarely collide; the caller
# retries if the server still fails to bind.
free_port() {
    local port i
    for i in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Starts Cairn through scripts/cairn-server on an ephemeral port with its data under $1.
# Sets CAIRN_PID and CAIRN_PORT; the server's output goes to $1/server.log.
start_cairn() {
    local dir=$1; shift
    mkdir -p "$dir"
    local logfile="$dir/server.log"
    "$CAIRN_ROOT/scripts/cairn-server" --port 0 --dir "$dir/data" "$@" >"$logfile" 2>&1 &
    CAIRN_PID=$!
    CAIRN_PORT=
    local i
    for i in $(seq 1 600); do
        CAIRN_PORT=$(sed -n 's/^Ready to accept connections on .*:\([0-9][0-9]*\)$/\1/p' "$logfile" | head -1)
        [ -n "$CAIRN_PORT" ] && return 0
        if ! kill -0 "$CAIRN_PID" 2>/dev/null; then
            log "cairn-server exited before it was ready; its log:"
            sed 's/^/    /' "$logfile" >&2
            CAIRN_PID=
            return 1
        fi
        sleep 0.1
    done
    log "cairn-server not ready after 60 s; its log:"
    sed 's/^/    /' "$logfile" >&2
    return 1
}

# Starts Debian's redis-server in the foreground of a background job, data under $1, extra
# redis-server options after it. Sets REDIS_PID and REDIS_PORT.
start_redis() {
    local dir=$1; shift
    mkdir -p "$dir"
    local attempt i
    for attempt in 1 2 3 4 5; do
        REDIS_PORT=$(free_port) || return 1
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir" --daemonize no \
            --logfile "$dir/redis.log" "$@" </dev/null >/dev/null 2>&1 &
        REDIS_PID=$!
        for i in $(seq 1 100); do
            if [ "$(redis-cli -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ]; then return 0; fi
            kill -0 "$REDIS_PID" 2>/dev/null || break
            sleep 0.1
        done
        stop_pid "$REDIS_PID"
    done
    log "redis-server did not start; its log:"
    sed 's/^/    /' "$dir/redis.log" >&2
    REDIS_PID=
    return 1
}

# Stops a process we started: TERM, then KILL after a grace period. Returns 0 when it ended
# within the grace period by itself.
stop_pid() {
    local pid=$1 grace=${2:-20} i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 $(( grace * 10 ))); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
        sleep 0.1
    done
    log "process $pid ignored SIGTERM for ${grace}s: killing it"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 1
}
