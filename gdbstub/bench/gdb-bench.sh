#!/bin/sh
# stepi round trips per second and bulk memory reads (MB/s) through a GDB stub, with the same gdb
# script against hvscope and against QEMU's stub on the same ELF (the bare-metal hypervisor whose
# guest faults forever, so the machine never stops on its own).
#   gdbstub/bench/gdb-bench.sh [STEPS] [MIB]      (run from the repository root; needs ./hvscope built)
set -e
STEPS=${1:-5000}
MIB=${2:-16}
ELF=examples/hv-baremetal/hv-fault-loop.elf
# QEMU wants the whole 32 MiB bank: pad a copy of the image.
cp examples/pflash/pflash.img /tmp/hvscope-bench-pflash.img
truncate -s 32M /tmp/hvscope-bench-pflash.img
FLASH="-drive if=pflash,unit=1,format=raw,file=/tmp/hvscope-bench-pflash.img,readonly=on"
END=$(printf '0x%x' $((0x80000000 + MIB * 1048576)))

measure() {   # $1 = port; prints "steps/s MB/s"
    cat > /tmp/hvscope-bench.gdb <<GDB
set pagination off
set confirm off
target remote 127.0.0.1:$1
python import time; t = time.time()
stepi $STEPS
python print("STEPS", $STEPS / (time.time() - t))
python t = time.time()
dump binary memory /tmp/hvscope-bench.bin 0x80000000 $END
python print("MBS", $MIB * 1.048576 / (time.time() - t))
kill
GDB
    gdb-multiarch -batch -nx -x /tmp/hvscope-bench.gdb 2>/dev/null | awk '/^STEPS/ {s=$2} /^MBS/ {m=$2} END {printf "%.0f %.1f\n", s, m}'
}

./hvscope -gdb tcp:127.0.0.1:12341 -S -bios $ELF $FLASH -serial none 2>/dev/null &
HV=$!
qemu-system-riscv64 -M virt -nographic -gdb tcp:127.0.0.1:12342 -S -bios $ELF $FLASH -serial none -monitor none &
QEMU=$!
sleep 3
set -- $(measure 12341)
HS=$1; HM=$2
set -- $(measure 12342)
QS=$1; QM=$2
kill $HV $QEMU 2>/dev/null || true
echo "stepi/s: hvscope $HS, qemu $QS, ratio $(echo "scale=2; $HS / $QS" | bc)"
echo "read MB/s: hvscope $HM, qemu $QM, ratio $(echo "scale=2; $HM / $QM" | bc)"
