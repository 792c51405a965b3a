#!/usr/bin/env bash
# Installs Guard for the current user: the binary, a starter configuration, an env file for secrets and
# the systemd user unit. Safe to re-run (upgrades the binary and unit, never overwrites config or env).
#
#   packaging/install.sh [--binary PATH] [--prefix DIR] [--rid RID]   install (builds Native AOT unless --binary)
#   packaging/install.sh --uninstall [--purge] [--prefix DIR]          remove what install put there
#
# Guard's data (Guard:DataDirectory, default ~/.openclaw/workspace) is never touched.
# Environment: HOME and XDG_CONFIG_HOME choose where things go; GUARD_SYSTEMCTL overrides the systemctl
# command (tests point it at a fake).
set -euo pipefail

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BINARY=""
PREFIX=""
RID=""
UNINSTALL=0
PURGE=0

while [[ $# -gt 0 ]]; do
    case $1 in
        --binary) BINARY=${2:?--binary needs a path}; shift 2 ;;
        --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
        --rid) RID=${2:?--rid needs a runtime identifier}; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        --purge) PURGE=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 64 ;;
    esac
done

: "${HOME:?HOME must be set}"
PREFIX=${PREFIX:-$HOME/.local}
CONFIG_HOME=${XDG_CONFIG_HOME:-$HOME/.config}
BIN_PATH="$PREFIX/bin/guard"
CONFIG_DIR="$CONFIG_HOME/guard"
CONFIG_PATH="$CONFIG_DIR/appsettings.json"
ENV_PATH="$CONFIG_DIR/env"
UNIT_DIR="$CONFIG_HOME/systemd/user"
UNIT_PATH="$UNIT_DIR/guard.service"
TEMPLATES="$REPO/packaging/templates"
read -r -a SYSTEMCTL <<<"${GUARD_SYSTEMCTL:-systemctl}"

say() { printf 'guard install: %s\n' "$*"; }

# The unit names paths with %h (the user's home) so it stays valid if HOME moves; others are absolute.
unit_path() {
    case $1 in
        "$HOME"/*) printf '%%h/%s' "${1#"$HOME"/}" ;;
        *) printf '%s' "$1" ;;
    esac
}

# Whether `systemctl --user` can reach a user manager (there is none over ssh without lingering, in
# containers, or under sudo without XDG_RUNTIME_DIR).
user_manager_reachable() {
    "${SYSTEMCTL[@]}" --user show-environment >/dev/null 2>&1
}

rid_for_machine() {
    case $(uname -m) in
        x86_64) echo linux-x64 ;;
        aarch64 | arm64) echo linux-arm64 ;;
        *) echo "install.sh: no Native AOT runtime identifier known for $(uname -m); pass --rid or --binary" >&2; return 1 ;;
    esac
}

build_binary() {
    command -v dotnet >/dev/null || { echo "install.sh: dotnet is not on PATH; install the .NET 10 SDK or pass --binary" >&2; exit 1; }
    local rid=$RID out
    [[ -n $rid ]] || rid=$(rid_for_machine)
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    say "publishing Native AOT for $rid (takes about half a minute)"
    dotnet publish "$REPO/src/Guard" -c Release -r "$rid" -p:PublishAot=true -tl:off -nologo -o "$out" >"$out/publish.log" 2>&1 \
        || { cat "$out/publish.log" >&2; echo "install.sh: dotnet publish failed" >&2; exit 1; }
    BINARY="$out/guard"
}

# Copies then renames, so a running guard keeps its old inode instead of failing with "text file busy".
install_file() {
    local source=$1 target=$2 mode=$3 temp
    mkdir -p "$(dirname "$target")"
    temp=$(mktemp "$(dirname "$target")/.guard-install.XXXXXX")
    cat "$source" >"$temp"
    chmod "$mode" "$temp"
    mv -f "$temp" "$target"
}

# Writes a template only when the target is absent: the user's edits and secrets win over ours.
install_once() {
    local source=$1 target=$2 mode=$3
    if [[ -e $target ]]; then
        say "kept existing $target"
        return 0
    fi
    install_file "$source" "$target" "$mode"
    say "wrote $target"
}

render_unit() {
    local exec_path env_path
    exec_path=$(unit_path "$BIN_PATH")
    env_path=$(unit_path "$ENV_PATH")
    # Only the program path and the env file's path change; everything else is the repository's unit.
    sed -e "s|^ExecStart=[^ ]*guard\\b|ExecStart=$exec_path|" \
        -e "s|^EnvironmentFile=-.*/guard/env\$|EnvironmentFile=-$env_path|" \
        "$REPO/systemd/guard.service"
}

print_manual() {
    say "no systemd user manager reachable (no user bus: ssh without lingering, a container, or sudo?)."
    say "when you have one, run:"
    printf '    %s\n' "$@"
}

do_install() {
    [[ -n $BINARY ]] || build_binary
    [[ -f $BINARY && -x $BINARY ]] || { echo "install.sh: $BINARY is not an executable file" >&2; exit 1; }

    install_file "$BINARY" "$BIN_PATH" 0755
    say "installed $BIN_PATH ($("$BIN_PATH" --version 2>/dev/null || echo 'version unknown'))"

    mkdir -p "$CONFIG_DIR"
    chmod 0700 "$CONFIG_DIR"
    install_once "$TEMPLATES/appsettings.json" "$CONFIG_PATH" 0600
    install_once "$TEMPLATES/env" "$ENV_PATH" 0600
    # An env file from an earlier install may have lost its mode; it holds keys.
    chmod 0600 "$ENV_PATH"

    local unit
    unit=$(mktemp)
    render_unit >"$unit"
    install_file "$unit" "$UNIT_PATH" 0644
    rm -f "$unit"
    say "installed $UNIT_PATH"

    if user_manager_reachable; then
        "${SYSTEMCTL[@]}" --user daemon-reload
        say "reloaded the systemd user manager. Put API keys in $ENV_PATH, then start Guard:"
        printf '    systemctl --user enable --now guard.service\n'
        printf '    loginctl enable-linger %s   # keep it running without a login session\n' "${USER:-$(id -un)}"
    else
        print_manual "systemctl --user daemon-reload" "systemctl --user enable --now guard.service" \
            "loginctl enable-linger ${USER:-$(id -un)}"
    fi
}

# A file install wrote from a template goes only when unchanged (or with --purge): it may hold edits or keys.
remove_template_copy() {
    local target=$1 template=$2
    [[ -e $target ]] || return 0
    if [[ $PURGE -eq 1 ]] || cmp -s "$target" "$template"; then
        rm -f "$target"
        say "removed $target"
    else
        say "kept $target (edited; --purge removes it)"
    fi
}

do_uninstall() {
    if user_manager_reachable; then
        "${SYSTEMCTL[@]}" --user disable --now guard.service >/dev/null 2>&1 || true
    fi
    for path in "$UNIT_PATH" "$BIN_PATH"; do
        if [[ -e $path ]]; then
            rm -f "$path"
            say "removed $path"
        fi
    done
    remove_template_copy "$CONFIG_PATH" "$TEMPLATES/appsettings.json"
    remove_template_copy "$ENV_PATH" "$TEMPLATES/env"
    rmdir "$CONFIG_DIR" 2>/dev/null || true
    if user_manager_reachable; then
        "${SYSTEMCTL[@]}" --user daemon-reload
    else
        print_manual "systemctl --user daemon-reload"
    fi
    say "Guard's data directory (Guard:DataDirectory, default ~/.openclaw/workspace) was left as it is."
}

if [[ $UNINSTALL -eq 1 ]]; then
    do_uninstall
else
    do_install
fi
