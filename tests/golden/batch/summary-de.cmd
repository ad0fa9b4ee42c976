# mmviz: --ram 32M --lang de
# The summary of a huge command and `events` in German (docs/output.md
# OUT-SUMMARY).
process create app.exe --bare
$a = VirtualAlloc 0 4400K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
touch $a 4400K w
events 3 FROM 19800
