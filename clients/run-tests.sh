#!/usr/bin/env bash
# Runs the tests of the Python and TypeScript clients, and the web client's end-to-end tests in
# headless Chromium, against a real Biobank server.
#
# Builds the server, starts it on a free loopback port (gRPC over HTTP/2, and gRPC-Web over HTTP/1.1
# for browsers, on the one address) with a data directory of its own under the temp directory, where it
# keeps its private PostgreSQL and its signing key; mints the tests' tokens with the server's
# `token` command; runs `python3 -m unittest` with Debian's Python and packages, and `node --test`
# after `npm ci` and the TypeScript build; the web client's tests (clients/web/e2e, playwright-core
# driving Debian's /usr/bin/chromium) against the application the server serves at /, and starting
# servers of their own from the same build where a test needs another configuration (an identity
# provider); then stops the server with SIGTERM, which stops its PostgreSQL, and removes the directory.
#
#   clients/run-tests.sh                 both clients
#   clients/run-tests.sh python          one of them (python, typescript, web)
#   clients/run-tests.sh --no-build      with the server dotnet build or dotnet test last built
#
# Needs: the .NET SDK, PostgreSQL's server binaries, protobuf-compiler, protobuf-compiler-grpc,
# python3-grpcio and python3-protobuf (Debian), Node.js 20 or later and npm, chromium (Debian) for
# the web client. .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=true
clients=()
for argument in "$@"; do
  case "$argument" in
    --no-build) build=false ;;
    *) clients+=("$argument") ;;
  esac
done
[ ${#clients[@]} -gt 0 ] || clients=(python typescript web)
python=/usr/bin/python3

free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

for client in "${clients[@]}"; do
  if [ "$client" = web ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "The web client's tests drive Debian's Chromium: apt-get install chromium (or set CHROMIUM)." >&2
    exit 1
  fi
  if [ "$client" != python ] && [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "The TypeScript and web clients need Node.js 20 or later; this is $(node --version)." >&2
    exit 1
  fi
done

$build && dotnet build src/Biobank.Server --nologo -v q -clp:ErrorsOnly
server_dll=$root/src/Biobank.Server/bin/Debug/net10.0/Biobank.Server.dll

data=$(mktemp -d "${TMPDIR:-/tmp}/biobank-clients.XXXXXX")
# Run as root, the server runs its PostgreSQL as the postgres user, which must reach the directory.
chmod 755 "$data"
port=$(free_port)
dotnet "$server_dll" "--Biobank:DataDirectory=$data" "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$port" \
  --Logging:LogLevel:Default=Warning >"$data/server.log" 2>&1 &
server_pid=$!

stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$data"
}
trap stop_server EXIT

for _ in $(seq 1 240); do
  grep -q "Biobank serving gRPC on" "$data/server.log" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The server stopped before serving:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
if ! grep -q "Biobank serving gRPC on" "$data/server.log"; then
  echo "The server did not start serving within 2 minutes:" >&2
  cat "$data/server.log" >&2
  exit 1
fi

# The callers the tests act as, with tokens signed by this server's key.
token() { dotnet "$server_dll" token --sub "$1" --org "$2" --role "$3" "--Biobank:DataDirectory=$data"; }
"$python" - "$data/tokens.json" <<TOKENS
import json, sys
json.dump({
    "lims-anses": "$(token lims.maisons-alfort anses lab-system)",
    "facility-anses": "$(token marie.facility anses facility-manager)",
    "biobank-anses": "$(token claire.biobank anses biobank-manager)",
    "lims-inserm": "$(token lims.cochin inserm lab-system)",
    "auditor-anses": "$(token quality.anses anses auditor)",
}, open(sys.argv[1], "w"))
TOKENS

export BIOBANK_TOKENS=$data/tokens.json
for client in "${clients[@]}"; do
  case "$client" in
    python)
      (cd clients/python && BIOBANK_ADDRESS="127.0.0.1:$port" "$python" -m unittest -v)
      ;;
    typescript)
      (cd clients/typescript \
        && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
        && npm run --silent build \
        && BIOBANK_ADDRESS="http://127.0.0.1:$port" BIOBANK_WEB_ADDRESS="http://127.0.0.1:$port" \
           node --test dist/test/*.test.js)
      ;;
    web)
      # The server serves the application that building it built (clients/web/dist, copied to wwwroot).
      if ! "$python" -c 'import sys, urllib.request; sys.exit(b"<div id=\"app\">" not in urllib.request.urlopen(sys.argv[1]).read())' \
          "http://127.0.0.1:$port/" 2>/dev/null; then
        echo "The server does not serve the web client: build the server with Node.js on the PATH." >&2
        exit 1
      fi
      (cd clients/web && BIOBANK_ADDRESS="http://127.0.0.1:$port" BIOBANK_SERVER="$server_dll" npm test --silent)
      ;;
    *)
      echo "usage: clients/run-tests.sh [python] [typescript] [web]" >&2
      exit 2
      ;;
  esac
done
