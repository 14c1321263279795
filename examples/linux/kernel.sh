#!/usr/bin/env bash
# The kernel recipe of hvscope's Linux workload: extracts Debian's linux-source-6.1 into OUT/src,
# configures defconfig + hvscope.config, builds Image and vmlinux and copies them to OUT.
# Run by build.sh; its text is part of the cache key, so any change here means a new build.
# usage: kernel.sh TARBALL OUT
set -euo pipefail
tarball=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
jobs=${JOBS:-$(nproc)}
src=$out/src
make_k() { nice make -C "$src" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- "$@"; }

if [ ! -e "$src/.extracted" ]; then
    echo "linux: extracting $tarball into $src"
    rm -rf "$src" && mkdir -p "$src"
    tar -xf "$tarball" -C "$src" --strip-components=1
    # DWARF 5 for KVM's code only (arch/riscv/kvm builds virt/kvm's files too): what the debugger
    # needs to step through KVM, without the cost of debug info for the whole kernel.
    echo 'ccflags-y += -g -gdwarf-5' >> "$src/arch/riscv/kvm/Makefile"
    touch "$src/.extracted"
fi

echo "linux: configuring (defconfig + $here/hvscope.config)"
make_k -s defconfig
(cd "$src" && ARCH=riscv scripts/kconfig/merge_config.sh -m .config "$here/hvscope.config" >/dev/null)
make_k -s olddefconfig
# Every line of the fragment must have survived olddefconfig, or the fragment is wrong.
missing=$(grep -E '^(CONFIG_|# CONFIG_)' "$here/hvscope.config" | while read -r line; do
    grep -qxF "$line" "$src/.config" || { [[ $line == "# "* ]] && ! grep -q "^${line:2:-11}=" "$src/.config"; } || echo "$line"
done)
[ -z "$missing" ] || { echo "linux: the config fragment did not apply:"; echo "$missing"; exit 1; }

echo "linux: building Image and vmlinux with $jobs jobs (about 15 minutes on 2 cores; log in $out/build.log)"
start=$SECONDS
make_k -j"$jobs" Image vmlinux > "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
echo "linux: built in $((SECONDS - start)) s"
cp "$src/arch/riscv/boot/Image" "$out/Image.tmp" && mv "$out/Image.tmp" "$out/Image"
cp "$src/vmlinux" "$out/vmlinux.tmp" && mv "$out/vmlinux.tmp" "$out/vmlinux"
cp "$src/.config" "$out/config"
