#!/usr/bin/env bash
# Builds guard_<version>-<revision>_<arch>.deb with dpkg-deb (no debhelper: the binary is already built).
#
#   packaging/build-deb.sh [--binary PATH] [--output DIR] [--revision N] [--arch amd64|arm64]
#
# Without --binary it publishes Native AOT for --arch (default: the machine's architecture); arm64 on an amd64
# machine cross-compiles (needs clang, gcc-aarch64-linux-gnu, binutils-aarch64-linux-gnu, zlib1g-dev:arm64 and
# libc6-dev:arm64; see packaging/README.md). Version comes from src/Guard/Guard.csproj. Prints the path of the .deb as its last line.
# Layout: /usr/bin/guard, /usr/lib/systemd/user/guard.service, /usr/share/guard/{appsettings.json,env},
# /usr/share/doc/guard/{copyright,changelog.Debian.gz,README.md.gz}, /usr/share/man/man1/guard.1.gz.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BINARY=""
OUTPUT="$REPO/packaging/out"
REVISION=1
ARCH=""

while [[ $# -gt 0 ]]; do
    case $1 in
        --binary) BINARY=${2:?--binary needs a path}; shift 2 ;;
        --output) OUTPUT=${2:?--output needs a directory}; shift 2 ;;
        --revision) REVISION=${2:?--revision needs a number}; shift 2 ;;
        --arch) ARCH=${2:?--arch needs amd64 or arm64}; shift 2 ;;
        -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-deb.sh: unknown option '$1'" >&2; exit 64 ;;
    esac
done

for tool in dpkg dpkg-deb gzip; do
    command -v "$tool" >/dev/null || { echo "build-deb.sh: '$tool' is required (apt-get install dpkg-dev)" >&2; exit 1; }
done

UPSTREAM=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$REPO/src/Guard/Guard.csproj" | head -n 1)
[[ -n $UPSTREAM ]] || { echo "build-deb.sh: no <Version> in src/Guard/Guard.csproj" >&2; exit 1; }
VERSION="$UPSTREAM-$REVISION"
ARCH=${ARCH:-$(dpkg --print-architecture)}
case $ARCH in
    amd64) RID=linux-x64 ;;
    arm64) RID=linux-arm64 ;;
    *) echo "build-deb.sh: no Native AOT runtime identifier for Debian architecture $ARCH" >&2; exit 1 ;;
esac

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -z $BINARY ]]; then
    echo "build-deb.sh: publishing Native AOT for $RID" >&2
    dotnet publish "$REPO/src/Guard" -c Release -r "$RID" -p:PublishAot=true -tl:off -nologo -o "$WORK/publish" >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log" >&2; exit 1; }
    BINARY="$WORK/publish/guard"
fi
[[ -x $BINARY ]] || { echo "build-deb.sh: $BINARY is not an executable" >&2; exit 1; }
# A binary for the wrong architecture would make a package that installs but cannot run.
case $ARCH in amd64) MACHINE=x86-64 ;; arm64) MACHINE=aarch64 ;; esac
if command -v file >/dev/null && ! file -b "$BINARY" | grep -q "$MACHINE"; then
    echo "build-deb.sh: $BINARY is not a $MACHINE executable ($(file -b "$BINARY" | cut -d, -f1-2)); wrong --arch?" >&2
    exit 1
fi

# Reproducible: every timestamp (changelog, gzip headers, tar members) is the last commit's.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)}
export TZ=UTC LC_ALL=C

ROOT="$WORK/root"
DOC="$ROOT/usr/share/doc/guard"
install -d -m 0755 "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/usr/lib/systemd/user" "$ROOT/usr/share/guard" "$DOC" "$ROOT/usr/share/man/man1"

install -m 0755 "$BINARY" "$ROOT/usr/bin/guard"
# The repository's unit with the packaged binary path; the env file stays in each user's home.
sed -e 's|^ExecStart=[^ ]*guard\b|ExecStart=/usr/bin/guard|' "$REPO/systemd/guard.service" >"$ROOT/usr/lib/systemd/user/guard.service"
chmod 0644 "$ROOT/usr/lib/systemd/user/guard.service"
install -m 0644 "$REPO/packaging/templates/appsettings.json" "$REPO/packaging/templates/env" "$ROOT/usr/share/guard/"

install -m 0644 "$REPO/packaging/deb/copyright" "$DOC/copyright"
gzip -9n <"$REPO/README.md" >"$DOC/README.md.gz"
{
    printf 'guard (%s) unstable; urgency=medium\n\n' "$VERSION"
    printf '  * Guard %s, built from commit %s.\n\n' "$UPSTREAM" "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf ' -- Guard maintainers <guard@example.org>  %s\n' "$(date -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$DOC/changelog.Debian.gz"
sed "s/@VERSION@/$UPSTREAM/" "$REPO/packaging/deb/guard.1" | gzip -9n >"$ROOT/usr/share/man/man1/guard.1.gz"
chmod 0644 "$DOC"/* "$ROOT/usr/share/man/man1/guard.1.gz"

# libsystemd0 (sd-journal) and libsqlite3-0 (OpenClaw's stores) are loaded at run time, so no linker-based tool
# would find them.
RUNTIME_LIBS="libsystemd0, libsqlite3-0"
DEPENDS="libc6 (>= 2.34), $RUNTIME_LIBS"
if command -v dpkg-shlibdeps >/dev/null; then
    mkdir -p "$WORK/shlibs/debian"
    printf 'Source: guard\n\nPackage: guard\nArchitecture: any\n' >"$WORK/shlibs/debian/control"
    if shlibs=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O "$ROOT/usr/bin/guard" 2>/dev/null); then
        DEPENDS="${shlibs#shlibs:Depends=}, $RUNTIME_LIBS"
    fi
fi
INSTALLED_SIZE=$(du -k -s --exclude=DEBIAN "$ROOT" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$INSTALLED_SIZE/" -e "s/@DEPENDS@/$DEPENDS/" \
    "$REPO/packaging/deb/control.in" >"$ROOT/DEBIAN/control"
(cd "$ROOT" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 0644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"
find "$ROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$OUTPUT"
DEB="$OUTPUT/guard_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >&2
echo "$DEB"
