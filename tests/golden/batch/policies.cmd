# Belady's anomaly with FIFO (docs/commands.md CMD-POLICIES): 9 faults with 3 frames, 10 with 4
policies --frames 3 1 2 3 4 1 2 5 1 2 3 4 5
policies --frames 4 1,2,3,4,1,2,5,1,2,3,4,5
# OSTEP's example trace, the default of 3 frames
policies 8 7 4 2 5 4 7 3 4 5
# the pages the current process touched, as its trace
process create lab.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write $p
read $p+0x1000
read $p+0x2000
write $p
read $p+0x3000
read $p+0x1000
read $p
policies --frames 2 --from-process
# mistakes
policies
policies --frames 65 1 2
policies 1 two 3
policies 4096
policies --frames 2 1 --from-process
