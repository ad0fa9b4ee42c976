# mmviz: --ram 8M
# User large pages (docs/reference.md R-LARGE-PAGES): NtAllocateVirtualMemory's
# checks for MEM_LARGE_PAGES (WRK allocvm.c), MiAllocateLargePages' aligned
# run of frames, the large PDE !pte stops at, one TLB entry for 2 MB, and
# MiFreeLargePages at release.
process create plain.exe --bare
VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE
process create big.exe --bare --lock-memory
GetLargePageMinimum
VirtualAlloc 0 1M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE
$p = VirtualAlloc 0 2M MEM_RESERVE|MEM_COMMIT|MEM_LARGE_PAGES PAGE_READWRITE
!pte $p+0x1000
write $p+0x1000 0x42
read $p+0x1ff000
!tlb
EmptyWorkingSet
read $p+0x1000
counters
