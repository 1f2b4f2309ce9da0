#!/usr/bin/env bash
# Replay benchmark: generate a 100,000-request JSON-lines recording (SCIM user and group lifecycles with
# recorded statuses and ids), serve the default fixture on port 0, replay the recording over one
# keep-alive connection (client and server on the same machine) and report requests/s against the
# target. A report: exits 0 whether the target is met or not; non-zero only when the benchmark cannot
# run, or when the replay itself reports a difference (then the numbers mean nothing).
#
# Usage: Tests/Bench/replay.sh [path/to/scim-mock]   (default .build/release/scim-mock)
# Knobs: REPLAY_REQUESTS (100000), REPLAY_BIN (the binary that runs `replay`; default the same one),
#        REPLAY_OUT (bench-out). Needs python3.
set -euo pipefail

BIN=${1:-.build/release/scim-mock}
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
REPLAY_BIN=${REPLAY_BIN:-$BIN}
[[ $REPLAY_BIN == /* ]] || REPLAY_BIN="$PWD/$REPLAY_BIN"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
REQUESTS=${REPLAY_REQUESTS:-100000}
OUT=${REPLAY_OUT:-bench-out}
RECORDING=$OUT/replay-$REQUESTS.jsonl
TARGET_RPS=3000

die() { echo "replay bench: error: $*" >&2; exit 1; }
[[ -x $BIN ]] || die "no executable scim-mock at $BIN (make release builds it)"
[[ -x $REPLAY_BIN ]] || die "no executable at $REPLAY_BIN"
command -v python3 >/dev/null || die "python3 is not installed"
mkdir -p "$OUT"

# 1. The recording: each cycle of 10 requests creates a user, reads, deactivates, replaces it, looks
#    it up by filter, adds it to and removes it from one of 10 groups (created first), reads the
#    group without members, deletes the user and reads it again (404). Ids are the recorded ones;
#    replay substitutes the ids the server gives.
python3 - "$RECORDING" "$REQUESTS" <<'PY'
import json, sys, uuid
path, total = sys.argv[1], int(sys.argv[2])
U = "urn:ietf:params:scim:schemas:core:2.0:User"; G = "urn:ietf:params:scim:schemas:core:2.0:Group"
P = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
H = {"Authorization": "Bearer okta-scim-secret", "Content-Type": "application/scim+json"}
HG = {"Authorization": "Bearer okta-scim-secret"}
dumps = lambda o: json.dumps(o, separators=(",", ":"))
rid = lambda n, kind: str(uuid.UUID(int=(kind << 64) | n, version=4))
lines = []
def add(method, p, status, body=None, id=None, headers=H):
    o = {"method": method, "path": p, "headers": headers if body is not None else HG}
    if body is not None: o["body"] = dumps(body)
    o["status"] = status
    if id: o["id"] = id
    lines.append(dumps(o))
groups = [rid(g, 2) for g in range(10)]
for g, gid in enumerate(groups):
    add("POST", "/scim/v2/Groups", 201, {"schemas": [G], "displayName": f"Replay Bench {g}", "members": []}, id=gid)
n = 0
while len(lines) < total:
    uid = rid(n, 1); gid = groups[n % 10]; name = f"bench.user.{n}@example.com"
    user = {"schemas": [U], "userName": name, "externalId": f"bench{n}", "name": {"givenName": "Bench", "familyName": f"User {n}"},
            "emails": [{"value": name, "type": "work", "primary": True}], "active": True}
    cycle = [
        ("POST", "/scim/v2/Users", 201, user, uid),
        ("GET", f"/scim/v2/Users/{uid}", 200, None, None),
        ("PATCH", f"/scim/v2/Users/{uid}", 200, {"schemas": [P], "Operations": [{"op": "replace", "value": {"active": False}}]}, None),
        ("PUT", f"/scim/v2/Users/{uid}", 200, dict(user, id=uid, displayName=f"Bench User {n}"), None),
        ("GET", f"/scim/v2/Users?filter=userName%20eq%20%22bench.user.{n}%40example.com%22", 200, None, None),
        ("PATCH", f"/scim/v2/Groups/{gid}", 200, {"schemas": [P], "Operations": [{"op": "add", "path": "members", "value": [{"value": uid}]}]}, None),
        ("PATCH", f"/scim/v2/Groups/{gid}", 200, {"schemas": [P], "Operations": [{"op": "remove", "path": f"members[value eq \"{uid}\"]"}]}, None),
        ("GET", f"/scim/v2/Groups/{gid}?excludedAttributes=members", 200, None, None),
        ("DELETE", f"/scim/v2/Users/{uid}", 204, None, None),
        ("GET", f"/scim/v2/Users/{uid}", 404, None, None),
    ]
    for method, p, status, body, id in cycle:
        if len(lines) < total: add(method, p, status, body, id)
    n += 1
with open(path, "w") as f:
    f.write("\n".join(lines) + "\n")
PY
echo "recording: $RECORDING ($(wc -l < "$RECORDING") requests, $(du -h "$RECORDING" | cut -f1))"

# 2. The server.
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -f "$OUT/.replay-server.out"
}
trap cleanup EXIT
"$BIN" serve --port 0 --quiet > "$OUT/.replay-server.out" 2>/dev/null &
SERVER_PID=$!
URL=""
for _ in $(seq 100); do
    URL=$(awk '/listening on/ {print $NF}' "$OUT/.replay-server.out" 2>/dev/null || true)
    [[ -n $URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up"
    sleep 0.05
done
[[ -n $URL ]] || die "the server did not start listening"

# 3. The replay.
START=$(date +%s.%N)
set +e
SUMMARY=$("$REPLAY_BIN" replay --target "$URL" "$RECORDING")
STATUS=$?
set -e
END=$(date +%s.%N)
RPS=$(python3 -c "print(round($REQUESTS / ($END - $START)))")
echo "summary: $SUMMARY"
echo "replay of $REQUESTS requests: $RPS requests/s end to end (process start to exit; target >= $TARGET_RPS)"
if (( RPS >= TARGET_RPS )); then echo "target met"; else echo "target MISSED"; fi
exit $STATUS
