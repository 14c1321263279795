#!/usr/bin/env bash
# hvscope's Linux workload: Linux 6.1 (Debian's linux-source-6.1, defconfig + hvscope.config,
# KVM built in) and an initramfs whose init prints a banner, reads /proc and powers off.
# Everything lands in ${HVSCOPE_CACHE:-~/.cache/hvscope}/linux-<key>/ (Image, vmlinux,
# initramfs.cpio), where <key> hashes hvscope.config, kernel.sh and the source package's version;
# a second run reuses it. Prints the directory on its last line.
#   build.sh          build what is missing
#   build.sh --dir    print the directory only (build nothing); exit 1 if it is not built yet
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${HVSCOPE_CACHE:-$HOME/.cache/hvscope}
fail() { echo "linux: $*" >&2; exit 1; }

version=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) && [ -r "$tarball" ] \
    || fail "Debian's linux-source-6.1 is not installed (apt-get install linux-source-6.1)"
key=$({ cat "$here/hvscope.config" "$here/kernel.sh"; echo "linux-source-6.1 $version"; } \
    | sha256sum | cut -c1-12)
out=$cache/linux-$key

if [ "${1:-}" = --dir ]; then
    [ -e "$out/Image" ] && [ -e "$out/initramfs.cpio" ] || { echo "$out"; exit 1; }
    echo "$out"; exit 0
fi
for tool in riscv64-linux-gnu-gcc bc flex bison; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install gcc-riscv64-linux-gnu bc flex bison libssl-dev libelf-dev cpio)"
done
mkdir -p "$out"

if [ -e "$out/Image" ] && [ -e "$out/vmlinux" ]; then
    echo "linux: kernel cached in $out"
else
    "$here/kernel.sh" "$tarball" "$out"
fi

# The initramfs is rebuilt whenever init.c or this script changes (it takes a second).
init_key=$(cat "$here/init.c" "$here/build.sh" | sha256sum | cut -c1-12)
if [ -e "$out/initramfs.cpio" ] && [ "$(cat "$out/initramfs.key" 2>/dev/null)" = "$init_key" ]; then
    echo "linux: initramfs cached in $out"
else
    echo "linux: building the initramfs (init.c with the kernel's nolibc)"
    # nolibc: the kernel's own single-header libc, on the kernel's riscv UAPI headers, so no
    # riscv64 glibc is needed.
    nice make -s -C "$out/src" ARCH=riscv headers
    riscv64-linux-gnu-gcc -static -nostdlib -ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables \
        -Os -Wall -Werror -I "$out/src/usr/include" -I "$out/src/tools/include/nolibc" -include nolibc.h \
        -o "$out/init" "$here/init.c" -lgcc
    "${HOSTCC:-gcc}" -O2 -o "$out/gen_init_cpio" "$out/src/usr/gen_init_cpio.c"
    printf '%s\n' 'dir /dev 0755 0 0' 'nod /dev/console 0600 0 0 c 5 1' 'dir /proc 0755 0 0' \
        "file /init $out/init 0755 0 0" > "$out/initramfs.list"
    # Fixed timestamps (gen_init_cpio takes a file's own mtime) keep the archive byte-identical
    # from build to build.
    touch -d @0 "$out/init"
    "$out/gen_init_cpio" -t 0 "$out/initramfs.list" > "$out/initramfs.cpio.tmp"
    mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
    echo "$init_key" > "$out/initramfs.key"
fi
echo "$out"
