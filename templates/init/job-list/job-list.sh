#!/usr/bin/env bash
# Launches every job of joblist.txt on its clusters: the consistency check first, then a start
# where each job's HA policy says, then a wait until it runs. A failing job does not stop the
# others; the JUnit report lists each job and the exit code says how it went:
#   0 all running, 8 some jobs failed (see junit.xml), 2 config or usage error, 5 a cluster failed.
# streamis-env.sh and user-env.sh beside this script are read by stms, not sourced here.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
clusters="${STMS_CLUSTERS:-GZ_UAT,TJ_UAT}"
stms="${STMS_BIN:-stms}"

# The config written by `stms init` sits one folder up; STMS_CONFIG points elsewhere.
config_args=()
if [[ -n "${STMS_CONFIG:-}" ]]; then
  config_args=(-c "$STMS_CONFIG")
elif [[ -f "$here/../stms.config.yaml" ]]; then
  config_args=(-c "$here/../stms.config.yaml")
fi

status=0
# ${arr[@]+...} keeps an empty array legal under set -u on bash 3.2 (macOS).
"$stms" launch --job-list "$here" --clusters "$clusters" --continue-on-error \
  --report "$here/junit.xml" ${config_args[@]+"${config_args[@]}"} || status=$?
echo "job-list.sh: stms launch exited with $status" >&2
exit "$status"
