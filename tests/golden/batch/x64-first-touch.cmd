# mmviz: --arch x64
# First touch on x64: committed memory is not resident until the
# demand-zero fault; the page tables are made on the way; the second
# access hits the TLB.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
!pte $p+0x1000
!vm
read $p+0x1000 4
read $p+0x1000 4
write $p+0x1008 0x1122334455667788 8
dq $p+0x1000 L2
!pte $p+0x1000
vtop $p+0x1008
!tlb
!vm
VirtualFree $p 0 MEM_RELEASE
!vm
