#!/bin/sh
# STAND-IN for k3s's install script (https://get.k3s.io), installed only by Railyard's boot tests. It
# records what it was asked to do (the environment the real script reads and the configuration k3s
# would read) in /var/lib/railyard-stand-in/, installs a stand-in `k3s` command, and starts a dummy
# unit under the name the real script gives k3s (k3s.service for a server, k3s-agent.service for an
# agent), so the steps after it run as they would.
set -eu
record=/var/lib/railyard-stand-in
mkdir -p "$record"
{
  echo "INSTALL_K3S_VERSION=${INSTALL_K3S_VERSION:-}"
  echo "INSTALL_K3S_EXEC=${INSTALL_K3S_EXEC:-}"
  echo "K3S_URL=${K3S_URL:-}"
  echo "K3S_TOKEN=${K3S_TOKEN:+set}"
} > "$record/install-env"
# what k3s reads, in its order: config.yaml, then config.yaml.d/*.yaml sorted by name
: > "$record/config"
for f in /etc/rancher/k3s/config.yaml /etc/rancher/k3s/config.yaml.d/*.yaml; do
  if [ -f "$f" ]; then
    printf -- '--- # %s\n' "$f" >> "$record/config"
    cat "$f" >> "$record/config"
  fi
done
chmod 0600 "$record/config"
case "${INSTALL_K3S_EXEC:-}" in
  server*) service=k3s ;;
  *) service=k3s-agent ;;
esac
echo "$service" > "$record/service"
date -u +%s >> "$record/install-count"

cat > /usr/local/bin/k3s <<STANDIN
#!/bin/sh
# STAND-IN for the k3s binary (Railyard boot tests): reports the version it was installed as and says
# yes to kubectl, so install-k3s.sh's wait for the node finishes.
case "\$1" in
  --version) echo "k3s version ${INSTALL_K3S_VERSION:-unknown} (stand-in)" ;;
  *) echo "\$*" >> $record/k3s-calls ;;
esac
exit 0
STANDIN
chmod 0755 /usr/local/bin/k3s

cat > "/etc/systemd/system/$service.service" <<UNIT
[Unit]
Description=STAND-IN for $service (Railyard boot tests; the real k3s is not downloaded here)
After=network-online.target
[Service]
ExecStart=/bin/sleep infinity
[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now "$service.service"
