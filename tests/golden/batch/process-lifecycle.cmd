# mmviz: --arch x64
# Two processes, the same virtual address, two frames; exit returns
# every page, page table and commit charge.
!vm
process create a --bare
VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write 0x10000 0xAA
process create b --bare
VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write 0x10000 0xBB
process use a
read 0x10000
process exit b
process exit a
!vm
