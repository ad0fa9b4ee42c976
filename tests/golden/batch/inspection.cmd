# mmviz: --arch x64
# Inspection commands, WinDbg style; they change nothing.
machine
process create one --bare
process create two --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
write $p 0x6867666564636261 8
write $p+8 0x706F6E6D6C6B6A69 8
db $p L20
dw $p L8
dd $p L4
process list
!process
!memusage
help VirtualAlloc
help process
say That is all for now.
