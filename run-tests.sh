#!/usr/bin/env bash
# Runs every test of fsconnect: unit tests (surefire) and integration tests (failsafe) against real
# Kafka brokers, real Connect workers and real store servers that the tests start themselves.
# It first installs the servers the tests need, if they are missing (Debian/Ubuntu, as root or with sudo).
#   ./run-tests.sh                 everything (mvn -B verify)
#   ./run-tests.sh -pl source-jdbc -am    extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages of the servers the integration tests start (see README, "Testing").
#   postgresql                                   PostgreSQL for the JDBC source's tests
#   mariadb-server                               MariaDB for the JDBC source's tests
#   radosgw ceph-mon ceph-osd ceph-common        a single-node Ceph RGW: S3, STS and SSE-KMS
packages=(postgresql mariadb-server radosgw ceph-mon ceph-osd ceph-common)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test servers: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"
fi

# npm packages, into build/node (git-ignored), where the testkit looks for them.
#   azurite   the Azure Blob Storage emulator, for the Azure adapter and credential tests
npm_packages=(azurite@3.37.0)
for spec in "${npm_packages[@]}"; do
  name=${spec%@*}
  version=${spec##*@}
  installed=$(node -p "require('./build/node/node_modules/$name/package.json').version" 2>/dev/null || true)
  if [ "$installed" != "$version" ]; then
    echo "Installing test server: $spec"
    npm install --prefix build/node --no-audit --no-fund --loglevel=error "$spec"
  fi
done

exec mvn -B verify "$@"
