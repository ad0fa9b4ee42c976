# mmviz: --ram 32M
# A command of more than 1,000 micro-steps is summarised (docs/output.md
# OUT-SUMMARY): its result, its micro-steps counted by kind, the first 100
# and the last 100 with the gap marked; `events` shows the others, 1000 at
# a time (docs/commands.md CMD-SESSION), and says why when it cannot.
process create app.exe --bare
$a = VirtualAlloc 0 8000K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
touch $a 8000K r
events 3 FROM 36000
events 4
events 1
events 3 FROM 0
