/* The guest kernel, a raw image of a guest ELF linked at GPA 0x8020_0000 (GUEST_BIN is set by make). */
    .section .rodata.guest_image, "a"
    .balign 16
    .globl guest_image_start, guest_image_end
guest_image_start:
    .incbin GUEST_BIN
guest_image_end:
