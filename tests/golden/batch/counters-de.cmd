# mmviz: --ram 4M --pagefile 8M --lang de
# The `counters` command in German: the names of the German Performance
# Monitor (object "Speicher"); the JSON keys stay Perfmon's English names
# (docs/output.md OUT-COUNTERS).
process create app.exe --bare
$p = VirtualAlloc 0 64K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE
counters
touch $p 16K w
tick 2
counters
