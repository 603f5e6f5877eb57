#!/usr/bin/env bash
# Builds the local base image the deploy tests use, without any registry:
# a root filesystem holding busybox-static and its applet links, imported with `docker import`.
#   usage: bash .ci/build-base-image.sh [IMAGE]   (default dokku-test/busybox:latest)
# Needs docker and busybox-static (apt-get install -y docker.io busybox-static).
# Skips when the image exists already; DOKKU_REBUILD_BASE_IMAGE=1 forces a rebuild.
set -euo pipefail

IMAGE="${1:-dokku-test/busybox:latest}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"
APPLETS=(
  sh ash cat cp date echo env false grep head hostname httpd id kill ln ls mkdir mv nc
  printenv printf ps pwd rm sed sleep sort tail tee test touch tr true uname wc wget which
)

log() { printf '[build-base-image] %s\n' "$*"; }

if [[ "${DOKKU_REBUILD_BASE_IMAGE:-}" != "1" ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE exists; skipping"
  exit 0
fi

# A dynamic busybox would not run in an image without a libc: ldd fails on a static binary.
if [[ ! -x "$BUSYBOX" ]] || ldd "$BUSYBOX" >/dev/null 2>&1; then
  log "$BUSYBOX is missing or not statically linked; apt-get install -y busybox-static" >&2
  exit 1
fi

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,sys,dev,www}
chmod 1777 "$rootfs/tmp"
cp "$BUSYBOX" "$rootfs/bin/busybox"
for applet in "${APPLETS[@]}"; do
  ln -s busybox "$rootfs/bin/$applet"
done
ln -s busybox "$rootfs/bin/["
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

log "importing $rootfs as $IMAGE"
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/sh"]' \
  - "$IMAGE" >/dev/null
docker run --rm "$IMAGE" sh -c 'echo busybox ok' >/dev/null
log "built $IMAGE"
