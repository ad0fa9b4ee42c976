# mmviz: --arch x64 --lang de
# Errors of every layer in German (docs/commands.md CMD-LANG-DE): the text
# in the session's language, the codes in brackets as Windows names them.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
VirtualAlloc 0x1000 4K MEM_RESERVE PAGE_READWRITE
VirtualAlloc 0 64K MEM_RESERVE PAGE_WRITECOPY
VirtualAlloc 0 64K MEM_RESERVE 0x24
VirtualAlloc $p+0x1000 4K MEM_RESERVE PAGE_READWRITE
VirtualFree $p 4K MEM_RELEASE
VirtualProtect $p 0xfffffffffffff000 PAGE_READONLY
VirtualAlloc 0 64G MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
SetProcessWorkingSetSize 0 0
$f = CreateFile d.dat 64K
$s = CreateFileMapping $f PAGE_READONLY 0
MapViewOfFile $s FILE_MAP_WRITE 0 0
MapViewOfFile $s FILE_MAP_READ 0x1000 0
$h = HeapCreate 0 64K
HeapFree $h 0x1234
HeapDestroy 0x12345678
LocalAlloc LMEM_FIXED 16
ExFreePool 0x1234
LoadLibrary nothing.dll
!pfn 0xfffffff
