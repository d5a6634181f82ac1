#!/usr/bin/env bash
# Railyard install script for one existing host (Raspberry Pi OS, Debian or Ubuntu; arm64 or x86-64).
# It does what cloud-init does on a cloud server: moves sshd, loads the workspace file-system module,
# installs Tailscale when the plan uses it, writes the k3s configuration and installs k3s pinned.
# Run it as root on the host, the first manager before the others, e.g.
#   ssh -p PORT USER@HOST 'sudo --preserve-env=K3S_TOKEN,K3S_AGENT_TOKEN,TAILSCALE_AUTH_KEY bash -s' < this-script
# Secrets come from the environment only: K3S_TOKEN (the server token, managers only), K3S_AGENT_TOKEN
# (the agent token this manager sets for the nodes), TAILSCALE_AUTH_KEY (with Tailscale).
# Idempotent: every step checks before it changes anything, so running it twice is safe.
# Exit codes: 0 done, 1 a step failed, 2 missing input (nothing changed), 3 reboot and run again.
set -euo pipefail

HOST_NAME=rpi-node-1
MANAGER=true
TAILSCALE=true

fail() {
  echo "railyard: $HOST_NAME: $*" >&2
  exit "$EXIT_CODE"
}

# 1. Inputs first, before anything on the host is touched.
EXIT_CODE=2
if [ "$MANAGER" = true ]; then
  if [ -z "${K3S_TOKEN:-}" ]; then
    fail "K3S_TOKEN is not set: export the cluster's k3s server token (the same on every manager) and run again; nothing was changed"
  fi
  if [[ "$K3S_TOKEN" == *[[:cntrl:]]* ]]; then
    fail "K3S_TOKEN contains a control character or a line break; nothing was changed"
  fi
fi
if [ -z "${K3S_AGENT_TOKEN:-}" ]; then
  fail "K3S_AGENT_TOKEN is not set: export the cluster's k3s agent token (the same on every host) and run again; nothing was changed"
fi
if [[ "$K3S_AGENT_TOKEN" == *[[:cntrl:]]* ]]; then
  fail "K3S_AGENT_TOKEN contains a control character or a line break; nothing was changed"
fi
if [ "$TAILSCALE" = true ]; then
  if [ -z "${TAILSCALE_AUTH_KEY:-}" ]; then
    fail "TAILSCALE_AUTH_KEY is not set: export a Tailscale auth key for the nodes' tag and run again; nothing was changed"
  fi
  if [[ "$TAILSCALE_AUTH_KEY" == *[[:cntrl:]]* || "$TAILSCALE_AUTH_KEY" == *,* ]]; then
    fail "TAILSCALE_AUTH_KEY contains a comma, a control character or a line break; nothing was changed"
  fi
fi
if [ "$(id -u)" -ne 0 ]; then
  fail "run as root, e.g. sudo --preserve-env=K3S_TOKEN,K3S_AGENT_TOKEN,TAILSCALE_AUTH_KEY bash $0; nothing was changed"
fi
for tool in systemctl apt-get sshd ssh-keyscan; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: Railyard supports systemd hosts with apt (Raspberry Pi OS, Debian, Ubuntu)"
done
EXIT_CODE=1

log() { echo "railyard: $HOST_NAME: $*" >&2; }
LIB=/usr/local/lib/railyard
install -d -m 0700 "$LIB"
CONFIG_CHANGED=false

# write_file PATH MODE < CONTENT: replaces PATH atomically when the content differs
write_file() {
  local path=$1 mode=$2 tmp
  install -d -m 0755 "$(dirname "$path")"
  tmp=$(mktemp "$path.railyard-XXXXXX")
  cat > "$tmp"
  chmod "$mode" "$tmp"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
    return 0
  fi
  mv -f "$tmp" "$path"
  case "$path" in /etc/rancher/k3s/*) CONFIG_CHANGED=true ;; esac
  log "wrote $path"
}

# A YAML single-quoted scalar: nothing is special inside but the quote itself, doubled.
yaml_quote() {
  printf "'%s'" "${1//\'/\'\'}"
}

# 2. The helper scripts, the same ones cloud-init runs on cloud servers.
write_file "$LIB/ssh-port.sh" 0700 <<'RAILYARD_EOF'
#!/bin/bash
# Moves this host's own sshd to the plan's port. Gitpod's SSH gateway needs port 22, so this runs at
# every boot before anything else (cloud-init bootcmd) and again from the existing-host script.
# Idempotent: when sshd is already configured for the port, nothing changes and nothing restarts.
# Never leaves the host without sshd: every change is checked with `sshd -t` and rolled back if sshd
# refuses it. (No brace expansions of variables here: this text also passes through Terraform.)
set -euo pipefail

NEW_PORT=2244
# The port an administrator is connected on right now (existing hosts). Empty on a cloud server's
# boot, where sshd is not serving anyone yet.
CURRENT_PORT=22
MAIN_CONFIG=/etc/ssh/sshd_config
DROP_IN=/etc/ssh/sshd_config.d/10-railyard-port.conf
# Ubuntu 22.10+ starts sshd from ssh.socket, which ignores Port in sshd_config. The drop-in's name
# sorts after Ubuntu's generated addresses.conf, so its list is the one that stays. Ubuntu 24.04's
# ssh.socket says BindIPv6Only=ipv6-only (it lists 0.0.0.0:22 and [::]:22 apart), under which a bare
# port listens on IPv6 only: the drop-in asks for one socket that takes IPv4 as well.
SOCKET_DROP_IN=/etc/systemd/system/ssh.socket.d/railyard-port.conf
BACKUP_DIR=/run/railyard-ssh-backup

log() { echo "railyard-ssh-port: $*" >&2; }

# write_if_changed PATH CONTENT: replaces PATH atomically; status 0 only when the content changed
write_if_changed() {
  local path=$1 content=$2
  if [ -f "$path" ] && [ "$(cat "$path")" = "$content" ]; then
    return 1
  fi
  install -d -m 0755 "$(dirname "$path")"
  printf '%s\n' "$content" > "$path.railyard-tmp"
  chmod 0644 "$path.railyard-tmp"
  mv -f "$path.railyard-tmp" "$path"
}

backup() {
  rm -rf "$BACKUP_DIR"
  install -d -m 0700 "$BACKUP_DIR"
  cp -p "$MAIN_CONFIG" "$BACKUP_DIR/sshd_config"
  if [ -f "$DROP_IN" ]; then cp -p "$DROP_IN" "$BACKUP_DIR/drop-in"; fi
  if [ -f "$SOCKET_DROP_IN" ]; then cp -p "$SOCKET_DROP_IN" "$BACKUP_DIR/socket-drop-in"; fi
}

restore() {
  cp -p "$BACKUP_DIR/sshd_config" "$MAIN_CONFIG"
  if [ -f "$BACKUP_DIR/drop-in" ]; then cp -p "$BACKUP_DIR/drop-in" "$DROP_IN"; else rm -f "$DROP_IN"; fi
  if [ -f "$BACKUP_DIR/socket-drop-in" ]; then
    cp -p "$BACKUP_DIR/socket-drop-in" "$SOCKET_DROP_IN"
  else
    rm -f "$SOCKET_DROP_IN"
  fi
  systemctl daemon-reload
}

# configure PORT...: sshd listens on exactly these ports; status 0 when something changed
configure() {
  local changed=false
  # A Port line in the main file would add to ours (Port is cumulative): comment it out.
  if grep -Eq '^[[:space:]]*Port[[:space:]]' "$MAIN_CONFIG"; then
    sed -i -E 's/^([[:space:]]*Port[[:space:]].*)$/# moved to sshd_config.d by Railyard: \1/' "$MAIN_CONFIG"
    changed=true
  fi
  # Older Debian releases do not read sshd_config.d; the Include must come before any Match block.
  if ! grep -Eq '^[[:space:]]*Include[[:space:]]+/etc/ssh/sshd_config\.d/\*\.conf' "$MAIN_CONFIG"; then
    sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' "$MAIN_CONFIG"
    changed=true
  fi
  if write_if_changed "$DROP_IN" "$(printf 'Port %s\n' "$@")"; then changed=true; fi
  if systemctl cat ssh.socket >/dev/null 2>&1; then
    # an empty ListenStream= first: it clears the unit's own port 22 (and the generator's list)
    if write_if_changed "$SOCKET_DROP_IN" "$(printf '[Socket]\nListenStream=\nBindIPv6Only=both\n'; printf 'ListenStream=%s\n' "$@")"; then
      systemctl daemon-reload
      changed=true
    fi
  fi
  [ "$changed" = true ]
}

# sshd -t needs /run/sshd (systemd makes it only when sshd starts) and a host key. At bootcmd time a
# cloud image has none yet (cloud-init writes them later): then check with a throw-away key.
check_config() {
  local dir status=0
  install -d -m 0755 /run/sshd
  if compgen -G '/etc/ssh/ssh_host_*_key' >/dev/null; then
    sshd -t
    return
  fi
  dir=$(mktemp -d /run/railyard-sshd-check.XXXXXX)
  ssh-keygen -q -t ed25519 -N '' -f "$dir/key"
  sshd -t -h "$dir/key" || status=$?
  rm -rf "$dir"
  return "$status"
}

# restart_sshd [--no-block]: only when sshd is already running; otherwise it starts later in this
# boot and reads the new configuration then. --no-block because cloud-init runs before ssh.service
# and a blocking restart would wait for cloud-init itself.
restart_sshd() {
  if systemctl is-active --quiet ssh.socket; then
    systemctl "$@" restart ssh.socket
  elif systemctl is-active --quiet ssh.service; then
    systemctl "$@" restart ssh.service
  fi
}

answers_on() {
  ssh-keyscan -T 10 -p "$1" 127.0.0.1 2>/dev/null | grep -q .
}

wait_until_answers() {
  local attempt
  for attempt in $(seq 1 30); do
    if answers_on "$1"; then return 0; fi
    log "waiting for sshd on port $1 (attempt $attempt of 30)"
    sleep 1
  done
  return 1
}

apply() {
  backup
  if configure "$@"; then
    if ! check_config; then
      log "ERROR: sshd -t rejects port(s) $*: restored the old configuration, sshd NOT moved"
      restore
      return 1
    fi
    return 0
  fi
  return 2
}

if [ -z "$CURRENT_PORT" ] || [ "$CURRENT_PORT" = "$NEW_PORT" ] || ! systemctl is-active --quiet ssh.service ssh.socket; then
  # Nobody depends on the current port yet: switch in one step.
  status=0
  apply "$NEW_PORT" || status=$?
  if [ "$status" -eq 1 ]; then exit 1; fi
  if [ "$status" -eq 0 ]; then
    log "sshd now configured for port $NEW_PORT"
    restart_sshd --no-block
  fi
  exit 0
fi

# An administrator is connected on CURRENT_PORT: keep it open until sshd answers on NEW_PORT, then
# close it. Open sessions survive restarts (each runs in its own sshd process).
if answers_on "$NEW_PORT" && ! answers_on "$CURRENT_PORT"; then
  status=0
  apply "$NEW_PORT" || status=$?
  if [ "$status" -eq 1 ]; then exit 1; fi
  if [ "$status" -eq 0 ]; then restart_sshd; fi
  exit 0
fi
if command -v ufw >/dev/null 2>&1 && ufw status | grep -q '^Status: active'; then
  ufw allow "$NEW_PORT/tcp"
fi
status=0
apply "$CURRENT_PORT" "$NEW_PORT" || status=$?
if [ "$status" -eq 1 ]; then exit 1; fi
restart_sshd
if ! wait_until_answers "$NEW_PORT"; then
  log "sshd does not answer on port $NEW_PORT; going back to port $CURRENT_PORT only"
  apply "$CURRENT_PORT" || true
  restart_sshd
  exit 1
fi
status=0
apply "$NEW_PORT" || status=$?
if [ "$status" -eq 1 ]; then exit 1; fi
restart_sshd
log "sshd moved from port $CURRENT_PORT to $NEW_PORT; connect on $NEW_PORT from now on"
RAILYARD_EOF
write_file "$LIB/kernel-modules.sh" 0700 <<'RAILYARD_EOF'
#!/bin/bash
# Loads the kernel module Gitpod's workspaces need for their file systems (fsShiftMethod in the plan)
# and keeps it loaded after reboots, on the hosts where workspaces run.
set -euo pipefail

log() { echo "railyard-kernel-modules: $*" >&2; }

# No Gitpod workspace runs here (a tainted manager of preset medium or large, or a Coder plan): nothing to build or load.
log "no Gitpod workspaces run on this host: no workspace file-system module needed"
RAILYARD_EOF
write_file "$LIB/install-k3s.sh" 0700 <<'RAILYARD_EOF'
#!/bin/bash
# Installs k3s at the plan's pinned version as a server or an agent. Settings come from
# /etc/rancher/k3s/config.yaml and config.yaml.d/ (token, join address), so nothing secret is on the
# command line. INSTALL_K3S_EXEC names the sub-command: an agent reads `server:` from the config file
# (the install script picks agent by itself only when K3S_URL is set, which we avoid on purpose).
set -euo pipefail

K3S_VERSION=v1.33.7+k3s1
K3S_COMMAND=server
SERVICE=k3s
# k3s names the node after the host unless the configuration says otherwise (existing hosts do)
NODE_NAME=rpi-node-1
INSTALLER=/usr/local/lib/railyard/k3s-install.sh

log() { echo "railyard-k3s: $*" >&2; }

installed_version() {
  if command -v k3s >/dev/null 2>&1; then k3s --version | head -n 1 | cut -d' ' -f3; fi
}

if [ "$(installed_version)" = "$K3S_VERSION" ] && systemctl is-active --quiet "$SERVICE"; then
  log "k3s $K3S_VERSION already runs as $SERVICE"
else
  install -d -m 0700 "$(dirname "$INSTALLER")"
  curl -sfL --retry 5 --retry-delay 5 -o "$INSTALLER" https://get.k3s.io
  # k3s's installer copies every K3S_* variable it sees into the service's env file, where it would
  # outlive (and, as the environment wins over config.yaml, override) a token changed later: the
  # existing-host script has the tokens in its environment, so they are cleared for the installer.
  env -u K3S_TOKEN -u K3S_AGENT_TOKEN -u K3S_URL INSTALL_K3S_VERSION="$K3S_VERSION" INSTALL_K3S_EXEC="$K3S_COMMAND" sh "$INSTALLER"
fi

if [ "$K3S_COMMAND" = server ]; then
  node=$NODE_NAME
  if [ -z "$node" ]; then node=$(hostname | tr '[:upper:]' '[:lower:]'); fi
  for attempt in $(seq 1 60); do
    if k3s kubectl wait --for=condition=Ready "node/$node" --timeout=10s >/dev/null 2>&1; then
      log "node $node is Ready"
      exit 0
    fi
    log "waiting for node $node to be Ready (attempt $attempt of 60)"
    sleep 5
  done
  log "node $node did not become Ready; see journalctl -u $SERVICE"
  exit 1
fi
for attempt in $(seq 1 60); do
  if systemctl is-active --quiet "$SERVICE"; then
    log "$SERVICE is running; the node appears in the cluster once a server accepts it"
    exit 0
  fi
  log "waiting for $SERVICE (attempt $attempt of 60)"
  sleep 5
done
log "$SERVICE did not start; see journalctl -u $SERVICE"
exit 1
RAILYARD_EOF
write_file "$LIB/tailscale.sh" 0700 <<'RAILYARD_EOF'
#!/bin/bash
# Installs Tailscale: k3s's --vpn-auth runs `tailscale up` itself and needs the binary and tailscaled.
# Tailscale's install script picks the right package repository for Debian, Ubuntu and Raspberry Pi OS.
set -euo pipefail

TAG=tag:rpi-nodes

log() { echo "railyard-tailscale: $*" >&2; }

if ! command -v tailscale >/dev/null 2>&1; then
  install -d -m 0700 /usr/local/lib/railyard
  curl -fsSL --retry 5 --retry-delay 5 -o /usr/local/lib/railyard/tailscale-install.sh https://tailscale.com/install.sh
  sh /usr/local/lib/railyard/tailscale-install.sh
fi
systemctl enable --now tailscaled

# k3s runs `tailscale up` with the join key, the tag and --ssh only when tailscale is not Running yet
# (k3s pkg/vpn/vpn.go). On a host that is already on a tailnet it keeps the old login: no tag, so the
# pod routes are never approved and pods cannot reach CoreDNS (10.43.0.10:53 timeouts). Stop here rather
# than join like that.
status=$(tailscale status --json --peers=false 2>/dev/null | tr -d ' \t\r\n' || true)
running='"BackendState":"Running"'
tagged='"Tags":\[[^]]*"'"$TAG"'"'
if [[ "$status" == *"$running"* ]]; then
  if [ -n "$TAG" ] && [[ "$status" =~ $tagged ]]; then
    log "already on the tailnet with tag $TAG; k3s keeps this login"
  else
    log "this host is already logged in to a tailnet without the tag $TAG, so k3s would skip 'tailscale up'"
    log "and the pod routes would never be approved. Re-join it with the tag, then run this again:"
    log "  sudo tailscale up --reset --force-reauth --auth-key=<the tagged auth key> --advertise-tags=$TAG"
    log "(or 'sudo tailscale logout' and k3s logs in itself; over a Tailscale connection either cuts your session)"
    exit 1
  fi
fi
log "tailscale $(tailscale version | head -n 1) installed; k3s logs in with the join key"
RAILYARD_EOF

# 3. sshd moves to the plan's port. The port this script was reached on stays open until sshd
# answers on the new one (checked locally); only then is the old port closed. Connect on the new
# port from now on: the inventory lists it as sshPortAfterInstall.
"$LIB/ssh-port.sh"

# 4. Packages the install scripts need.
if ! command -v curl >/dev/null 2>&1 || [ ! -d /etc/ssl/certs ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl ca-certificates
fi

# 5. Raspberry Pis: k3s needs the memory cgroup, which Raspberry Pi kernels leave off unless the
# kernel command line asks for it (that takes a reboot), and on Ubuntu the vxlan module for flannel
# lives in linux-modules-extra-raspi.
memory_cgroup_enabled() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    grep -qw memory /sys/fs/cgroup/cgroup.controllers
  else
    awk '$1 == "memory" && $4 == 1 { found = 1 } END { exit !found }' /proc/cgroups
  fi
}
if grep -qi 'raspberry pi' /proc/device-tree/model 2>/dev/null; then
  if ! memory_cgroup_enabled; then
    cmdline=/boot/firmware/cmdline.txt
    [ -f "$cmdline" ] || cmdline=/boot/cmdline.txt
    if ! grep -q 'cgroup_enable=memory' "$cmdline"; then
      sed -i '1 s/$/ cgroup_memory=1 cgroup_enable=memory/' "$cmdline"
      log "added cgroup_memory=1 cgroup_enable=memory to $cmdline"
    fi
    EXIT_CODE=3
    fail "the memory cgroup is enabled from the next boot on: reboot the host and run this script again"
  fi
  if ! modprobe vxlan 2>/dev/null && grep -q '^ID=ubuntu' /etc/os-release 2>/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-modules-extra-raspi
    modprobe vxlan
  fi
fi

# 6. The workspace file-system module (shiftfs or fuse, as the plan says).
"$LIB/kernel-modules.sh"

# 7. k3s configuration: the plan's settings, how this host joins, and the secrets from the
# environment (0600, never on a command line).
write_file /etc/rancher/k3s/config.yaml 0600 <<'RAILYARD_EOF'
# /etc/rancher/k3s/config.yaml, rendered by Railyard from railyard.yaml. Values that exist only at
# provisioning time (token, join address, tls-san, vpn-auth, node-ip) come from config.yaml.d/.
# Gitpod brings its own proxy; the API kubeconfig on the host is for root only.
disable: ["traefik"]
write-kubeconfig-mode: "0600"
cluster-cidr: "10.42.0.0/16"
service-cidr: "10.43.0.0/16"
cluster-dns: "10.43.0.10"
RAILYARD_EOF
write_file /etc/rancher/k3s/config.yaml.d/45-railyard-join.yaml 0600 <<'RAILYARD_EOF'
# How this host joins the cluster, from railyard.yaml. Secrets are in 50-railyard-secrets.yaml.
# Existing hosts often share a host name (raspberrypi): k3s needs a unique node name.
node-name: "rpi-node-1"
tls-san: ["192.168.1.20", "rpi-node-1"]
RAILYARD_EOF
# Managers: the server token and the agent token they hand out; nodes: only the agent token, as their token.
secrets() {
  if [ "$MANAGER" = true ]; then
    printf 'token: %s\n' "$(yaml_quote "$K3S_TOKEN")"
    printf 'agent-token: %s\n' "$(yaml_quote "$K3S_AGENT_TOKEN")"
  else
    printf 'token: %s\n' "$(yaml_quote "$K3S_AGENT_TOKEN")"
  fi
  if [ "$TAILSCALE" = true ]; then
    printf 'vpn-auth: %s\n' "$(yaml_quote "name=tailscale,joinKey=$TAILSCALE_AUTH_KEY"',extraArgs=--ssh --advertise-tags=tag:rpi-nodes')"
  fi
}
umask 077
write_file /etc/rancher/k3s/config.yaml.d/50-railyard-secrets.yaml 0600 < <(secrets)

# 8. Tailscale: k3s's vpn-auth logs the host in and takes its node IP from tailscale0.
"$LIB/tailscale.sh"

# 9. k3s itself, pinned; a running k3s picks up a changed configuration only on restart.
SERVICE=k3s
if [ "$CONFIG_CHANGED" = true ] && systemctl is-active --quiet "$SERVICE"; then
  log "k3s configuration changed: restarting $SERVICE"
  systemctl restart "$SERVICE"
fi
"$LIB/install-k3s.sh"
log "done"
