# mmviz: --ram 4M --pagefile 8M
# Performance Monitor's Memory counters (docs/output.md OUT-COUNTERS,
# docs/reference.md R-COUNTERS) from the WRK's MmInfoCounters: Page
# Faults/sec counts every page MiAllocateWsle adds to a working set
# (demand-zero pages, page tables, pages taken back from the standby list,
# pages read in), Page Reads/sec only the in-page reads of hard faults
# (MiResolvePageFileFault), Pages Output/sec the modified page writer's
# writes (MiGatherPagefilePages). Rates are per simulated second of `tick`.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
counters
touch $p 64K w
tick
counters
EmptyWorkingSet
run writer
read $p+0x1000
$q = VirtualAlloc 0 4M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
touch $q 4M w
read $p
tick 4
counters
!process
