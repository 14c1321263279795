#!/bin/sh
# Usage: check-qemu.sh tests/test_x.elf...
# Runs each ELF on qemu-system-riscv64 (virt, -bios none), stores the UART output in
# tests/expected/<name>.out and prints PASS/FAIL per program. Exit status 0 iff all pass.
QEMU=${QEMU:-qemu-system-riscv64}
dir=$(dirname "$0")
known="$dir/qemu-known-diffs.txt"
fails=0
passes=0
for elf in "$@"; do
    name=$(basename "$elf" .elf)
    if [ -f "$known" ] && grep -q "^$name[[:space:]]" "$known"; then
        echo "SKIP $name (qemu-known-diffs.txt)"
        continue
    fi
    out="$dir/expected/$name.out"
    timeout 10 "$QEMU" -machine virt -cpu rv64 -m 128M -nographic -bios none -kernel "$elf" \
        </dev/null >"$out.tmp" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q "^$name: PASS\$" "$out.tmp"; then
        mv "$out.tmp" "$out"
        echo "PASS $name"
        passes=$((passes + 1))
    else
        echo "FAIL $name (exit $rc)"
        sed 's/^/    /' "$out.tmp"
        rm -f "$out.tmp"
        fails=$((fails + 1))
    fi
done
echo "qemu: $passes passed, $fails failed"
[ $fails -eq 0 ]
