# mmviz: --arch x86 --ram 64M
# The PTE formats of issue 9 item 1 and the mechanisms of item 2, each as
# the WRK routine or macro named builds it.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write $p 0x11
touch $p+0x1000 8K r
# MI_MAKE_VALID_PTE_TRANSITION: a trimmed dirty page's transition PTE keeps
# Owner and the hardware Write bit; a clean one has no Write bit.
EmptyWorkingSet
!pte $p
!pte $p+0x1000
# MiResolveTransitionFault: back from the modified list, modified and
# writable: the PTE is made dirty at once (no MiSetDirtyBit fault later).
read $p
!pte $p
# The modified page writer, then trim and reuse: a page-file hard fault
# reads the neighbours with the next slots too (MiResolvePageFileFault,
# cluster MmReadClusterSize); they wait on standby.
write $p+0x2000 0x22
write $p+0x3000 0x33
write $p+0x4000 0x44
EmptyWorkingSet
$q = CreateFileMapping INVALID_HANDLE_VALUE PAGE_READWRITE 64K
$u = MapViewOfFile $q FILE_MAP_WRITE 0 0
touch $u 64K w
UnmapViewOfFile $u
run writer
$h = VirtualAlloc 0 62M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
touch $h 62M w
VirtualFree $h 0 MEM_RELEASE
read $p+0x2000
!pte $p+0x3000
# The same for a page-file-backed section: its prototype PTEs with the
# next slots come along.
$u = MapViewOfFile $q FILE_MAP_WRITE 0 0
read $u+0x4000
!ca $u
# MMPTE_SUBSECTION: a file's prototype PTEs point at its subsection (after
# the control area); MiGetSubsectionAddress decodes them.
$f = CreateFile data.bin 64K
$s = CreateFileMapping $f PAGE_READWRITE 0
$w = MapViewOfFile $s FILE_MAP_WRITE 0 0
$r = MapViewOfFile $s FILE_MAP_READ 0 0
!ca $w
# MiResolveMappedFileFault: the first read brings a cluster from the file.
write $w 0x5a
read $r
!ca $w
# MiEliminateWorkingSetEntry: the write view (protection = the prototype
# PTE's) gets the direct pointer, protection 0; the read-only view the
# MI_PTE_LOOKUP_NEEDED form with its protection.
EmptyWorkingSet
!pte $w
!pte $r
# MiModifiedPageWriterTimer: unmapped, the dirty page waits on the modified
# list; 300 s of tick later the mapped page writer writes it.
UnmapViewOfFile $w
UnmapViewOfFile $r
tick 299
tick 1
# ValidKernelPde | large | global: the kernel image's PDE is writable.
!pte 0x80000000
kwrite 0x80001000 0x77
kread 0x80001000
