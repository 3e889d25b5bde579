#!/usr/bin/env bash
# The one list of Debian packages the project needs, installed idempotently.
# Used by scripts/demo.sh, scripts/test.sh and scripts/bench.sh (groups: build, test, bench).
# Usage: scripts/packages.sh [build|test|bench]...   (default: build)
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libyaml-cpp-dev libyaml-dev libexpected-dev
  libboost-dev libssl-dev
  libhowardhinnant-date-dev tzdata
  # the desktop app: Qt Quick to compile (qmlcachegen, qmllint) and the QML modules it loads at run time
  qt6-declarative-dev qt6-declarative-dev-tools libqt6svg6
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtquick-dialogs qml6-module-qtqml qml6-module-qtqml-models
  qml6-module-qtqml-workerscript qml6-module-qt-labs-folderlistmodel
  # brokers' client libraries (stream gateways, NATS dispatch): cnats, paho C, librdkafka, rabbitmq-c,
  # and libmosquitto for MQTT topic-filter rules
  libnats-dev libpaho-mqtt-dev librdkafka-dev librabbitmq-dev libmosquitto-dev
)
# Independent peers for the wire-compatibility tests (Debian's grpcio, not ours) and the HTTP client used by tests.
# Node.js runs the official CloudEvents SDK as the independent peer of the CloudEvents interop tests.
# QML tests (qmltestrunner module, QuickTest library), a real X server for GUI runs and image tools for screenshots.
# Real brokers started on loopback by scripts/services.sh and the tests (mosquitto, nats-server, RabbitMQ)
# and their command-line clients (mosquitto_pub/sub, kcat). Installing mosquitto or rabbitmq-server may
# start system services on the default ports; the tests never use them.
# clang and its runtime build and run the libFuzzer target of the YAML parser.
test_pkgs=( python3-grpcio python3-grpc-tools python3-yaml curl openssl procps nodejs
  qml6-module-qttest libqt6quicktest6 xvfb xauth imagemagick appstream desktop-file-utils
  mosquitto mosquitto-clients nats-server rabbitmq-server kcat clang libclang-rt-14-dev )
bench_pkgs=( wrk nginx-light curl procps bc python3 )

groups=("$@"); [ ${#groups[@]} -eq 0 ] && groups=(build)
want=()
for g in "${groups[@]}"; do
  case "$g" in
    build) want+=("${build_pkgs[@]}") ;;
    test)  want+=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
    bench) want+=("${build_pkgs[@]}" "${bench_pkgs[@]}") ;;
    *) echo "packages.sh: unknown group '$g' (build, test, bench)" >&2; exit 2 ;;
  esac
done

missing=()
declare -A seen=()
for p in "${want[@]}"; do
  [ -n "${seen[$p]:-}" ] && continue
  seen[$p]=1
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm comes with NodeSource's nodejs; Debian's nodejs needs Debian's npm beside it.
if [[ " ${want[*]} " == *" nodejs "* ]] && ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "packages.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
