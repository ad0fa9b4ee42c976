# mmviz: --arch pae
# PAE: four PDPT entries (shown by physical address), PDE_BASE
# 0xC0600000, 8-byte PTEs with NX.
process create app.exe --bare
$p = VirtualAlloc 0x10000 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
read $p
!pte $p
!pte 0x7FFE0000
read 0x7FFE026C 4
exec $p
$x = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_EXECUTE_READ
exec $x
vtop 0xC0603000
