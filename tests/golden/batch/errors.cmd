# mmviz: --arch x64
# Every bad input gets a clear error naming the argument at fault, and
# changes nothing.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
VirtualFree $p 4K MEM_RELEASE
VirtualFree $p+0x1000 0 MEM_RELEASE
VirtualAlloc $p 4K MEM_RESERVE PAGE_READWRITE
VirtualAlloc 0x1000 4K MEM_RESERVE PAGE_READWRITE
VirtualAlloc 0 64K MEM_RESERVE PAGE_WRITECOPY
VirtualAlloc 0 64K MEM_DECOMMIT PAGE_READWRITE
VirtualAlloc 0 64M MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
VirtualAlloc 0 64K MEM_RESERVE PAGE_READWRTE
VirtualAlloc 0 0 MEM_RESERVE PAGE_READWRITE
VirtualFree 0x50000000 0 MEM_RELEASE
read $nowhere
read $p 3
Virtual 0 64K MEM_RESERVE PAGE_READWRITE
frobnicate
process use nobody
process exit System
read 0x50000000
$q = VirtualFree $p 0 MEM_RELEASE
!vm
