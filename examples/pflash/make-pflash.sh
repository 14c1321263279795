#!/bin/sh
# make-pflash.sh OUT [SIZE [PAYLOAD]]
# Writes the h_2_0 tour's pflash image: "pfld", 00 00 00 01, the payload size as a
# big-endian u32, four reserved zero bytes, the payload at offset 16, zero-filled to SIZE bytes.
# PAYLOAD (one line; a newline is appended) defaults to "hvscope pflash payload".
# SIZE defaults to 32 MiB because QEMU's virt pflash accepts exactly that size;
# hvscope pads a smaller image as erased flash, so a 4 KiB image is enough there.
set -eu
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: $0 OUT [SIZE [PAYLOAD]]" >&2
    exit 2
fi
out=$1
size=${2:-33554432}
# The payload is one line of text; the newline is part of it.
payload="${3:-hvscope pflash payload}
"
len=$(printf '%s' "$payload" | wc -c)
if [ "$size" -lt $((16 + len)) ]; then
    echo "$0: SIZE $size is smaller than the header and payload" >&2
    exit 1
fi
# Build in a temporary file so an interrupted run never leaves a half image behind.
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT
{
    printf 'pfld'
    printf '\000\000\000\001'
    # Big-endian u32 of the payload length, one byte at a time (octal escapes are portable).
    for shift in 24 16 8 0; do
        printf "\\$(printf '%03o' $(( (len >> shift) & 255 )))"
    done
    printf '\000\000\000\000'
    printf '%s' "$payload"
} > "$tmp"
# Zero-fill up to SIZE (truncate extends with zero bytes, sparse where the file system allows).
truncate -s "$size" "$tmp"
mv "$tmp" "$out"
trap - EXIT
