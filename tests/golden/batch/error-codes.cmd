# mmviz: --arch x64
# One rule for a failure's codes, the same in the text and the JSON: a
# Win32 API command reports the Win32 error with its NTSTATUS beside it;
# a kernel-mode call or a debugger command reports the NTSTATUS alone;
# a code that is no NTSTATUS (a bug check, syntax) is reported as it is.
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
# Regression: the text named ERROR_NO_SYSTEM_RESOURCES too, the JSON did not.
ExAllocatePoolWithTag PagedPool 0x100000000 Abcd
ExFreePool 0x1234
VirtualFree $p 4K MEM_RELEASE
CreateFile a-name-longer-than-thirty-one-characters.dat 4K
process use nobody
!process 0x999
!vad 0x50000000
process exit System
LoadLibrary nosuch.dll
# RtlNtStatusToDosError gives this status back unchanged: the text names it once.
$g = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE|PAGE_GUARD
VirtualLock $g 4K
