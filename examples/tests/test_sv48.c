/* Sv48: the Sv39 checks with a four-level table, plus 512 GiB leaves and the Sv48 canonical
   address rule (see test_sv39.c). */
#define VM_LEVELS 4
#include "test_sv39.c"
