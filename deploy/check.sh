#!/usr/bin/env bash
# Checks the deployment files without a container engine: YAML parses, the Kubernetes manifests
# render, the nginx configuration is valid, and the image's build and entry point work on this machine.
# Run from anywhere: bash deploy/check.sh. Tools that are absent are reported and skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
deploy="$root/deploy"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$root"

step() { printf '== %s\n' "$*"; }

step "YAML parses"
python3 -c 'import sys, yaml
for f in sys.argv[1:]:
    print(f"   {f}: {len([d for d in yaml.safe_load_all(open(f)) if d is not None])} document(s)")' \
  deploy/*.yaml deploy/kubernetes/*.yaml

step "Compose file: no top-level name (docker-compose 1.29 rejects it), schedules on, resolves"
python3 -c 'import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
assert "name" not in doc, "top-level name: is rejected by docker-compose 1.29"
env = doc["services"]["clustersync-1"]["environment"]
assert env["Scheduling__Enabled"] == "true" and env["Storage__Provider"] == "Postgres", env
print("   services:", ", ".join(doc["services"]))' deploy/compose.yaml
if command -v docker-compose >/dev/null; then
  POSTGRES_PASSWORD=check docker-compose -f deploy/compose.yaml config -q && echo "   docker-compose config: ok"
else
  echo "   skipped: docker-compose not found (apt-get install -y docker-compose)"
fi

step "Kubernetes manifests render"
if command -v kubectl >/dev/null; then
  kubectl kustomize deploy/kubernetes > "$scratch/rendered.yaml"
  grep '^kind:' "$scratch/rendered.yaml" | sort | uniq -c | sed 's/^/   /'
else
  echo "   skipped: kubectl not found"
fi

step "nginx configuration (instance names replaced by loopback ports)"
if command -v nginx >/dev/null; then
  sed -e 's/clustersync-1:8080/127.0.0.1:18081/' -e 's/clustersync-2:8080/127.0.0.1:18082/' \
      -e "s#pid /tmp/nginx.pid;#pid $scratch/nginx.pid;#" "$deploy/nginx.conf" > "$scratch/nginx.conf"
  nginx -t -q -c "$scratch/nginx.conf" -p "$scratch/" && echo "   nginx -t: ok"
else
  echo "   skipped: nginx not found (apt-get install -y nginx-light)"
fi

step "Dockerfile COPY sources exist"
grep -E '^COPY ' "$deploy/Dockerfile" | grep -v -- '--from=' | while read -r _ args; do
  read -r -a words <<< "$args"
  for source in "${words[@]:0:${#words[@]}-1}"; do
    [[ -e "$root/$source" ]] || { echo "   missing: $source"; exit 1; }
  done
done
echo "   ok"

step "Image build command and entry point (dotnet publish, then ClusterSync.Host.dll migrate)"
dotnet publish "$root/src/ClusterSync.Host" -c Release -o "$scratch/app" -p:UseAppHost=false -v quiet -nologo > "$scratch/publish.log" \
  || { cat "$scratch/publish.log"; exit 1; }
mkdir "$scratch/work"
(cd "$scratch/work" && dotnet "$scratch/app/ClusterSync.Host.dll" migrate | sed 's/^/   /')
test -f "$scratch/work/data/clustersync.db" && echo "   data/clustersync.db created under the working folder"
echo "all checks passed"
