# mmviz: --arch x86
# x86 without PAE: a two-level walk, PDE_BASE 0xC0300000, PTE_BASE
# 0xC0000000; the PTE read back through the self-map; no NX, so data
# pages can be executed.
process create app.exe --bare
machine
$p = VirtualAlloc 0x400000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write $p+0x3000 0xCAFE 2
!pte $p+0x3000
vtop $p+0x3456
kread 0xC000100C 4
vtop 0xC0300000
exec $p+0x3000
read 0x7FFE026C 4
write 0x7FFE0000 1
