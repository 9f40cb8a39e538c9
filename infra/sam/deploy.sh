#!/usr/bin/env bash
# Build the Lambda artifact for a stage's architecture, then deploy that stage with SAM.
#   infra/sam/deploy.sh dev|staging|prod [more `sam deploy` options, e.g. --no-execute-changeset]
# Needs AWS credentials for the target account, and the stage's SSM parameters (RUNBOOK.md).
# SAM is taken from .venv-infra (scripts/lint_infra --install) unless SAM=... says otherwise.
set -euo pipefail
stage="${1:?usage: infra/sam/deploy.sh dev|staging|prod [sam deploy options]}"
shift
cd "$(dirname "$0")/../.."
arch=$(python3 - "$stage" <<'PY'
import shlex, sys, tomllib
with open("infra/samconfig.toml", "rb") as f:
    overrides = tomllib.load(f)[sys.argv[1]]["deploy"]["parameters"]["parameter_overrides"]
pairs = overrides if isinstance(overrides, list) else shlex.split(overrides)
print(dict(p.split("=", 1) for p in pairs)["Architecture"])
PY
)
scripts/build_lambda --arch "$arch"
export SAM_CLI_TELEMETRY=0
"${SAM:-.venv-infra/bin/sam}" deploy --config-file infra/samconfig.toml --config-env "$stage" "$@"
# SAM names the uploaded object by the zip's MD5; a rebuild of the same commit gives the same
# bytes, so the same key. Keep both hashes with the deploy tag (RUNBOOK.md, "Deploy").
echo "deployed $(git rev-parse --short HEAD) to $stage:" \
  "artifact sha256 $(sha256sum build/lambda/timebill.zip | cut -d' ' -f1)," \
  "S3 key timebill-$stage/$(md5sum build/lambda/timebill.zip | cut -d' ' -f1)"
