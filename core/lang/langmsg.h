/*
 * langmsg.h — the command language's message catalogue: what a failed
 * command says, and the words of `help` and of the batch text, in English
 * and German side by side (docs/commands.md CMD-LANG-DE).
 *
 * Design. The TUI has its catalogue (tui/msg.h); the core may not include
 * a tui/ header, so the command language keeps its own, built the same
 * way as every layer's below it (core/base/msgcat.h; the scenarios' images
 * and the generated problems, above it, use this one too): one line per
 * message, `#define LM_<ID> "English", "German"`, and the id in
 * LANGMSG_IDS. A failing command says
 *
 *     return mm_fail_tr(err, "syntax", i, LM_ARG_MISSING, name, i, name, usage);
 *
 * and the error carries both texts (types.h mm_fail_tr): the lexer and
 * the look-up fail where no session is known, and the session shows the
 * text of its language (mm_err_text). A text that is not an error says
 * LM(lang, ID). langmsg.c builds from the same lines a table indexed by
 * enum langmsg_id (designated initialisers), which the tests walk.
 *
 * Invariants (tests/unit/38_i18n.c):
 *  1. Every message has an English and a German text, and the German one
 *     has the English one's printf conversions in the same order.
 *  2. The German follows docs/glossary.md (GLO-TERMS, GLO-RULES): "Sie",
 *     and no word of GLO-FORBIDDEN.
 *  3. Only the text is translated: the error codes ("syntax", "unknown",
 *     ERROR_..., STATUS_...) are the same in both languages, and so are
 *     the command names, their arguments and the Windows names quoted.
 */
#ifndef MM_LANGMSG_H
#define MM_LANGMSG_H

#include "base/msgcat.h"

/* ---- the look-up (cmd.c) and the argument helpers ---- */
#define LM_EMPTY_COMMAND "empty command", "leerer Befehl"
#define LM_AMBIGUOUS "ambiguous command '%s': could be %s", "mehrdeutiger Befehl '%s': möglich sind %s"
#define LM_UNKNOWN_CMD_HINT "unknown command '%s'; did you mean '%s'? (type help for the list)", \
	"unbekannter Befehl '%s'; meinten Sie '%s'? (help zeigt die Liste)"
#define LM_UNKNOWN_CMD "unknown command '%s' (type help for the list)", \
	"unbekannter Befehl '%s' (help zeigt die Liste)"
#define LM_ARG_MISSING "%s: argument %d is missing (usage: %s %s)", "%s: Argument %d fehlt (Aufruf: %s %s)"
#define LM_TOO_FEW "%s: too few arguments (usage: %s %s)", "%s: zu wenige Argumente (Aufruf: %s %s)"
#define LM_TOO_MANY "%s: too many arguments (usage: %s %s)", "%s: zu viele Argumente (Aufruf: %s %s)"

/* ---- the session (session.c) ---- */
#define LM_NO_VALUE_TO_BIND "%s has no result to bind to $%s, so it was not run; expected a command with a value " \
	"such as an address, a handle or a pid", \
	"%s hat kein Ergebnis, das an $%s gebunden werden kann, und wurde daher nicht ausgeführt; erwartet ist " \
	"ein Befehl mit einem Wert, etwa einer Adresse, einem Handle oder einer PID"
#define LM_ENDED_WITHOUT_VALUE "%s ended without a value to bind to $%s (an access that raised an exception " \
	"has none); it was undone", \
	"%s endete ohne einen Wert für $%s (ein Zugriff, der eine Ausnahme auslöste, hat keinen); der Befehl " \
	"wurde rückgängig gemacht"
#define LM_INTERRUPTED "%s was interrupted (Esc or Ctrl+C) and undone: nothing changed", \
	"%s wurde unterbrochen (Esc oder Strg+C) und rückgängig gemacht: nichts hat sich geändert"
#define LM_HISTORY_LIMIT "%s needs more than the history limit of %llu MiB (--history-limit) to be undone: " \
	"it was undone; do less in one command", \
	"%s bräuchte zum Rückgängigmachen mehr als das Verlaufslimit von %llu MiB (--history-limit): der Befehl " \
	"wurde rückgängig gemacht; tun Sie weniger in einem Befehl"
#define LM_OOM "host memory exhausted", "der Speicher des Rechners ist erschöpft"
#define LM_OOM_UNDONE "host memory exhausted: %s was undone", \
	"der Speicher des Rechners ist erschöpft: %s wurde rückgängig gemacht"
#define LM_OOM_NOT_RUN "host memory exhausted: %s was not run", \
	"der Speicher des Rechners ist erschöpft: %s wurde nicht ausgeführt"
#define LM_OOM_RECORDING "host memory exhausted recording the history", \
	"der Speicher des Rechners ist beim Aufzeichnen des Verlaufs erschöpft"
#define LM_OOM_NARRATION "host memory exhausted keeping the narration", \
	"der Speicher des Rechners ist beim Aufbewahren der Erläuterung erschöpft"
#define LM_OOM_KEEPING "host memory exhausted keeping the history: %s was undone", \
	"der Speicher des Rechners ist beim Aufbewahren des Verlaufs erschöpft: %s wurde rückgängig gemacht"
#define LM_NO_SUCH_RUN "there is no command %llu before this one (command %llu)", \
	"es gibt keinen Befehl %llu vor diesem (Befehl %llu)"
#define LM_BATCH_KEEPS_LAST "batch mode keeps the micro-steps of the last command that changed the machine only " \
	"(command %llu)", \
	"der Batch-Modus behält nur die Mikroschritte des letzten Befehls, der die Maschine geändert hat " \
	"(Befehl %llu)"
#define LM_NO_MICRO_STEPS "command %llu has no micro-steps to show: it failed, changed nothing, or its history " \
	"is gone (reset, batch mode, a command typed in the past, or dropped at the history limit)", \
	"Befehl %llu hat keine Mikroschritte zu zeigen: er schlug fehl, änderte nichts, oder sein Verlauf ist " \
	"fort (reset, Batch-Modus, ein Befehl in der Vergangenheit, oder am Verlaufslimit verworfen)"
#define LM_NOT_INSPECTION "%s: not an inspection command the TUI can run", \
	"%s: kein Befehl zum Ansehen, den die Oberfläche ausführen kann"

/* ---- the batch text (session.c, OUT-TEXT) ---- */
#define LM_ERROR_PREFIX "error: ", "Fehler: "
#define LM_NOTE_PREFIX "note: ", "Hinweis: "
#define LM_HISTORY_DROPPED "the history limit of %llu MiB (--history-limit) was reached: the oldest %llu " \
	"commands were dropped; stepping back goes back to micro-step %llu", \
	"das Verlaufslimit von %llu MiB (--history-limit) ist erreicht: die ältesten %llu Befehle sind " \
	"verworfen; zurückgehen kann man bis Mikroschritt %llu"

/* ---- help, say, reset, events (cmd_session.c) ---- */
#define LM_HELP_NO_COMMAND "no command '%s' (type help for the list)", "kein Befehl '%s' (help zeigt die Liste)"
#define LM_HELP_ALIAS "also: %s", "auch: %s"
#define LM_EVENTS_FROM "events: expected FROM N after the command number (usage: events %s)", \
	"events: nach der Befehlsnummer wird FROM N erwartet (Aufruf: events %s)"
#define LM_EVENTS_RANGE "command %llu has %llu micro-steps, numbered from 1: FROM %llu is not one of them", \
	"Befehl %llu hat %llu Mikroschritte, ab 1 gezählt: FROM %llu ist keiner davon"

/* ---- the lexer (lex.c, docs/commands.md CMD-LEX) ---- */
#define LM_LEX_VAR_EXPECTED "expected a variable name after '$' in an assignment ($name = COMMAND)", \
	"nach '$' wird in einer Zuweisung ein Variablenname erwartet ($name = BEFEHL)"
#define LM_LEX_VAR_START "variable name '$%s' must start with a letter or '_'", \
	"der Variablenname '$%s' muss mit einem Buchstaben oder '_' beginnen"
#define LM_LEX_VAR_LONG "variable name '$%s' is longer than %d characters", \
	"der Variablenname '$%s' ist länger als %d Zeichen"
#define LM_LEX_ASSIGN_EMPTY "'$%.*s =' needs a command after '='", "'$%.*s =' braucht nach '=' einen Befehl"
#define LM_LEX_TOO_MANY_WORDS "too many words: at most %d per command; word %d is '%s'", \
	"zu viele Wörter: höchstens %d je Befehl; Wort %d ist '%s'"
#define LM_LEX_QUOTE "unterminated quote in word %d: '%s' (close it with \")", \
	"nicht geschlossenes Anführungszeichen in Wort %d: '%s' (schließen Sie es mit \")"
#define LM_LEX_NOT_UTF8 "byte %zu of the line (0x%02x) is not UTF-8; a command is UTF-8 text", \
	"Byte %zu der Zeile (0x%02x) ist kein UTF-8; ein Befehl ist UTF-8-Text"
#define LM_LEX_CONTROL "byte %zu of the line is the control character U+%04X; a command is text without " \
	"control characters", \
	"Byte %zu der Zeile ist das Steuerzeichen U+%04X; ein Befehl ist Text ohne Steuerzeichen"
#define LM_LEX_LINE_LONG "line longer than %d bytes", "Zeile länger als %d Bytes"
#define LM_LEX_BAD_VAR_NAME "bad variable name '%s': letters, digits and '_', starting with a letter or '_', " \
	"at most %d", \
	"ungültiger Variablenname '%s': Buchstaben, Ziffern und '_', am Anfang ein Buchstabe oder '_', " \
	"höchstens %d"
#define LM_LEX_VARS_FULL "cannot define $%s: at most %d variables", \
	"$%s kann nicht definiert werden: höchstens %d Variablen"
#define LM_LEX_VARS_OOM "cannot define $%s: out of host memory", \
	"$%s kann nicht definiert werden: der Speicher des Rechners ist erschöpft"
#define LM_LEX_WRAPS "'%s' wraps around 2^64: it does not fit in 64 bits (the largest number is " \
	"0xffffffffffffffff)", \
	"'%s' läuft über 2^64 hinaus: die Zahl passt nicht in 64 Bit (die größte Zahl ist 0xffffffffffffffff)"
#define LM_LEX_TICK "expected WinDbg hex like 00007ff6`12340000 (1 to 8 hex digits, a backtick, exactly 8 " \
	"hex digits), got '%s'", \
	"erwartet ist WinDbg-Hex wie 00007ff6`12340000 (1 bis 8 Hex-Ziffern, ein Backtick, genau 8 " \
	"Hex-Ziffern), erhalten: '%s'"
#define LM_LEX_NUMBER "expected a number: 4096, 0x1000, 00007ff6`12340000, 64K, got '%s'", \
	"erwartet ist eine Zahl: 4096, 0x1000, 00007ff6`12340000, 64K, erhalten: '%s'"
#define LM_LEX_NUMBER_VARS "expected a number: 4096, 0x1000, 00007ff6`12340000, 64K or $var+0x1000, got '%s'", \
	"erwartet ist eine Zahl: 4096, 0x1000, 00007ff6`12340000, 64K oder $var+0x1000, erhalten: '%s'"
#define LM_LEX_NO_VARS "unknown variable $%s; no variables are defined", \
	"unbekannte Variable $%s; es sind keine Variablen definiert"
#define LM_LEX_UNKNOWN_VAR "unknown variable $%s; defined: %s", "unbekannte Variable $%s; definiert: %s"
#define LM_LEX_VARS_HERE "variables are not allowed here, got '%s'", \
	"Variablen sind hier nicht erlaubt, erhalten: '%s'"
#define LM_LEX_VAR_WRAPS "'%s' wraps around 2^64: it does not fit in 64 bits ($%s = 0x%llx)", \
	"'%s' läuft über 2^64 hinaus: die Zahl passt nicht in 64 Bit ($%s = 0x%llx)"
#define LM_LEX_VAR_BELOW "'%s' wraps around below 0 ($%s = 0x%llx)", "'%s' läuft unter 0 ($%s = 0x%llx)"
#define LM_LEX_FLAG_HINT "%s '%s'%s%s%s; did you mean %s? (expected %s or a number)", \
	"%s '%s'%s%s%s; meinten Sie %s? (erwartet ist %s oder eine Zahl)"
#define LM_LEX_FLAG_IN "%s '%s' in '%s'; expected %s or a number", "%s '%s' in '%s'; erwartet ist %s oder eine Zahl"
#define LM_LEX_FLAG "%s '%s'; expected %s or a number", "%s '%s'; erwartet ist %s oder eine Zahl"
#define LM_LEX_FLAG_EMPTY "empty flag", "leeres Flag"
#define LM_LEX_FLAG_BAD_NUMBER "bad number", "ungültige Zahl"
#define LM_LEX_FLAG_WIDE "flag value wider than 32 bits:", "Flag-Wert breiter als 32 Bit:"
#define LM_LEX_FLAG_VAR "flags take names or numbers, not a variable:", \
	"Flags sind Namen oder Zahlen, keine Variable:"
#define LM_LEX_FLAG_UNKNOWN "unknown flag", "unbekanntes Flag"
#define LM_LEX_KEYWORD "expected one of %s; got '%s'", "erwartet ist eines von %s; erhalten: '%s'"

/* ---- processes (cmd_process.c) ---- */
#define LM_PROC_OPTION "process create: unknown option '%s' (expected --bare or --lock-memory)", \
	"process create: unbekannte Option '%s' (erwartet ist --bare oder --lock-memory)"
#define LM_PROC_NAME_FIRST "process create: expected a NAME first, got '%s'", \
	"process create: zuerst wird ein NAME erwartet, erhalten: '%s'"
#define LM_PROC_NO_LIVE "no live process '%s' (process list shows them)", \
	"kein lebender Prozess '%s' (process list zeigt sie)"
#define LM_PROC_NO_PID "no live process with pid %llu", "kein lebender Prozess mit der PID %llu"
#define LM_THREAD_OPTION "CreateThread: expected stack=SIZE or reserve=SIZE, got '%s'", \
	"CreateThread: erwartet ist stack=SIZE oder reserve=SIZE, erhalten: '%s'"

/* ---- memory accesses (cmd_access.c) ---- */
#define LM_ACC_SIZE "SIZE must be 1, 2, 4 or 8 bytes, got %llu", "SIZE muss 1, 2, 4 oder 8 Bytes sein, erhalten: %llu"
#define LM_ACC_VALUE_WIDE "VALUE %#llx does not fit in %d bytes", "VALUE %#llx passt nicht in %d Bytes"
#define LM_ACC_OWNED "%#llx holds page tables or the memory manager's own structures; mmviz lets only the " \
	"memory manager write them", \
	"%#llx enthält Seitentabellen oder Strukturen der Speicherverwaltung selbst; mmviz lässt nur die " \
	"Speicherverwaltung sie schreiben"
#define LM_ACC_SIZE_ZERO "SIZE must be at least 1 byte", "SIZE muss mindestens 1 Byte sein"
#define LM_ACC_TOUCH_MAX "touch: at most 16M pages (64 GB) in one command", \
	"touch: höchstens 16M Seiten (64 GB) in einem Befehl"
#define LM_ACC_TOUCH_LIMIT "touch of %llu pages would need about %llu MiB of history to be undone (%d journal " \
	"records a page), more than the history limit of %llu MiB (--history-limit): touch less at a time", \
	"touch von %llu Seiten bräuchte etwa %llu MiB Verlauf, um rückgängig gemacht zu werden (%d " \
	"Journaleinträge je Seite), mehr als das Verlaufslimit von %llu MiB (--history-limit): berühren Sie " \
	"weniger auf einmal"

/* ---- the replacement-policy lab (cmd_policies.c) ---- */
#define LM_POL_PAGES "expected page numbers such as 1 2 3 or 1,2,3, got '%s'", \
	"erwartet sind Seitennummern wie 1 2 3 oder 1,2,3, erhalten: '%s'"
#define LM_POL_PAGE_RANGE "page %llu is out of range (0 to %d)", "Seite %llu liegt außerhalb des Bereichs (0 bis %d)"
#define LM_POL_TRACE_MAX "a trace holds at most %d references", "eine Seitenfolge hat höchstens %d Zugriffe"
#define LM_POL_FRAMES_NEEDS "--frames needs a number of frames", "--frames braucht eine Anzahl von Rahmen"
#define LM_POL_FRAMES_RANGE "--frames: expected 1 to %d frames, got %llu", \
	"--frames: erwartet sind 1 bis %d Rahmen, erhalten: %llu"
#define LM_POL_BOTH "give a TRACE or --from-process, not both", \
	"geben Sie eine Seitenfolge TRACE oder --from-process an, nicht beides"
#define LM_POL_SPAN "the process's pages span more than %d pages; give a TRACE instead", \
	"die Seiten des Prozesses überspannen mehr als %d Seiten; geben Sie stattdessen eine Seitenfolge TRACE an"
#define LM_POL_NO_ACCESS "the current process made no access in this session yet", \
	"der aktuelle Prozess hat in dieser Sitzung noch keinen Zugriff gemacht"
#define LM_POL_NEED_TRACE "expected a TRACE of page numbers (such as 1 2 3 4 1 2) or --from-process", \
	"erwartet ist eine Seitenfolge TRACE (etwa 1 2 3 4 1 2) oder --from-process"

/* ---- inspection (cmd_inspect.c, cmd_vad.c, cmd_kernel.c, cmd_section.c) ---- */
#define LM_INS_VA32 "%#llx is beyond the 32-bit address space", "%#llx liegt jenseits des 32-Bit-Adressraums"
#define LM_INS_CANON "%#llx is not a canonical address (bits 63-48 must copy bit 47)", \
	"%#llx ist keine kanonische Adresse (die Bits 63-48 müssen Bit 47 wiederholen)"
#define LM_INS_PFN "PFN %#llx is beyond physical memory (the last is %#x)", \
	"PFN %#llx liegt jenseits des physischen Speichers (die letzte ist %#x)"
#define LM_INS_L_COUNT "expected L COUNT, got '%s'", "erwartet ist L COUNT, erhalten: '%s'"
#define LM_INS_COUNT "COUNT must be 1..4096", "COUNT muss 1..4096 sein"
#define LM_VAD_NONE "no VAD of process %u holds %#llx", "kein VAD des Prozesses %u enthält %#llx"
#define LM_POOL_TAG "TAG: one to four characters, such as Proc or MmSt; got '%s'", \
	"TAG: ein bis vier Zeichen, etwa Proc oder MmSt; erhalten: '%s'"
#define LM_POOL_TAG_PRINT "TAG: printable characters only", "TAG: nur druckbare Zeichen"
#define LM_POOL_NOT_MAPPED "%#llx is not in a mapped pool page", "%#llx liegt in keiner abgebildeten Pool-Seite"
#define LM_POOL_CORRUPT_LINE "%c%016llx *** corrupt pool header: %s; the blocks after it cannot be found\n", \
	"%c%016llx *** beschädigter Pool-Kopf: %s; die Blöcke danach sind nicht zu finden\n"
#define LM_SEC_PROTECT_WORD "PROTECT: '%s' is neither a PAGE_* protection nor a SEC_* attribute", \
	"PROTECT: '%s' ist weder ein PAGE_*-Schutz noch ein SEC_*-Attribut"
#define LM_SEC_NOT_CA "%#llx is neither a control area nor in a mapped view", \
	"%#llx ist weder ein Steuerbereich noch liegt es in einer abgebildeten Ansicht"

/* ---- other processes, images, heaps, working sets (cmd_vmex.c, cmd_image.c, cmd_heap.c, cmd_ws.c) ---- */
#define LM_VMEX_NO_PID "no live process with pid %llu: OpenProcess fails (process list shows the pids)", \
	"kein lebender Prozess mit der PID %llu: OpenProcess schlägt fehl (process list zeigt die PIDs)"
#define LM_VMEX_SYSTEM "the System process (pid 4) cannot be opened with PROCESS_VM_OPERATION", \
	"der Prozess System (PID 4) lässt sich nicht mit PROCESS_VM_OPERATION öffnen"
#define LM_SIZE_OPTION "%s=SIZE: %s", "%s=SIZE (Größe): %s"
#define LM_IMG_BASE_OPT "LoadLibrary: expected base=ADDR, got '%s'", "LoadLibrary: erwartet ist base=ADDR, erhalten: '%s'"
#define LM_HEAP_NONE "process %u has no default heap (it was created --bare)", \
	"Prozess %u hat keinen Standard-Heap (er wurde mit --bare erzeugt)"
#define LM_HEAP_NOT "%#llx is not a heap of process %u", "%#llx ist kein Heap des Prozesses %u"
#define LM_WS_PERIODS "N must be 1..10000 periods", "N muss 1..10000 Perioden sein"

/* ---- the replacement-policy lab's machine (policy.c) ---- */
#define LM_POL_SCRATCH "the scratch machine of WS-aging could not be made", \
	"die Hilfsmaschine von WS-aging ließ sich nicht anlegen"
#define LM_POL_TRIM "WS-aging: the working set could not be trimmed", \
	"WS-aging: der Arbeitssatz ließ sich nicht kürzen"
#define LM_POL_OOM "host memory exhausted for the policies' tables", \
	"der Speicher des Rechners ist für die Tabellen der Strategien erschöpft"

/* ---- files the session writes (cmd_file.c: save, export, snapshot) ---- */
#define LM_FILE_WRITE "cannot write '%s': %s", "'%s' kann nicht geschrieben werden: %s"
#define LM_FILE_NO_NAME "%s: '%s' names no file; expected a file name such as out.json", \
	"%s: '%s' nennt keine Datei; erwartet ist ein Dateiname wie out.json"
#define LM_FILE_NOT_REGULAR "cannot write '%s': it is %s; expected a new file or a regular file to replace", \
	"'%s' kann nicht geschrieben werden: es ist %s; erwartet ist eine neue Datei oder eine gewöhnliche " \
	"Datei, die ersetzt wird"
#define LM_FILE_KIND_DIR "a directory", "ein Verzeichnis"
#define LM_FILE_KIND_LINK "a symbolic link", "ein symbolischer Link"
#define LM_FILE_KIND_FIFO "a FIFO", "ein FIFO"
#define LM_FILE_KIND_DEVICE "a device", "ein Gerät"
#define LM_FILE_KIND_SOCKET "a socket", "ein Socket"
#define LM_FILE_KIND_OTHER "not a regular file", "keine gewöhnliche Datei"
#define LM_FILE_NAME_LONG "the file name is too long", "der Dateiname ist zu lang"
#define LM_FILE_NO_TEMP "no free name for a temporary file beside it", \
	"kein freier Name für eine temporäre Datei daneben"
#define LM_FILE_EXISTS "%s: '%s' exists; expected a new file name, or --force to replace it", \
	"%s: '%s' gibt es schon; erwartet ist ein neuer Dateiname, oder --force, um sie zu ersetzen"
#define LM_FILE_APPEARED "%s: '%s' appeared while it was written; expected a new file name, or --force", \
	"%s: '%s' ist entstanden, während sie geschrieben wurde; erwartet ist ein neuer Dateiname, oder --force"
#define LM_FILE_RECORD_FULL "this session ran more than %d commands, the most steps a scenario holds, so its " \
	"record stopped there and it cannot be saved; expected a shorter session (reset starts a new record)", \
	"diese Sitzung hat mehr als %d Befehle ausgeführt, die meisten Schritte, die ein Szenario fasst; ihre " \
	"Aufzeichnung endete dort, und sie kann nicht gespeichert werden; erwartet ist eine kürzere Sitzung " \
	"(reset beginnt eine neue Aufzeichnung)"
#define LM_SNAP_OPTION "snapshot: '%s' is no option; expected --force (replace FILE)", \
	"snapshot: '%s' ist keine Option; erwartet ist --force (FILE ersetzen)"
#define LM_SNAP_BATCH "snapshot: there is no screen in batch mode; expected the TUI, or " \
	"mmviz --screen WxH --format html|svg SCENARIO", \
	"snapshot: im Batch-Modus gibt es keinen Bildschirm; erwartet ist die Oberfläche, oder " \
	"mmviz --screen WxH --format html|svg SCENARIO"
#define LM_SNAP_FORMAT "snapshot: '%s' names no picture format; expected a name ending in .html, .svg, .txt or .ans", \
	"snapshot: '%s' nennt kein Bildformat; erwartet ist ein Name, der auf .html, .svg, .txt oder .ans endet"

/* ---- above the command language: scenario images (core/scenario/scenario_images.c) and the
 * generated problems (core/learn), which run commands and may include this catalogue ---- */
#define LM_SCN_IMG_SECTIONS "images[%d]: at most 8 sections", "images[%d]: höchstens 8 Abschnitte"
#define LM_LRN_BAD_MACHINE "bad machine", "ungültige Maschine"
#define LM_LRN_BAD_MACHINE_AT "bad machine %s %s", "ungültige Maschine %s %s"
#define LM_LRN_OOM_RUNNING "out of memory running '%s'", \
	"der Speicher des Rechners ist beim Ausführen von '%s' erschöpft"
#define LM_LRN_SETUP "problem set-up failed: %s: %s", "die Vorbereitung der Aufgabe schlug fehl: %s: %s"
#define LM_LRN_SETUP_NO_RESULT "problem set-up failed: %s: no result", \
	"die Vorbereitung der Aufgabe schlug fehl: %s: kein Ergebnis"
#define LM_LRN_OOM "out of memory", "der Speicher des Rechners ist erschöpft"
#define LM_LRN_NO_ANSWER "the %s generator gave no answer", "der Generator %s gab keine Antwort"

#define LANGMSG_IDS(X) \
	X(EMPTY_COMMAND) X(AMBIGUOUS) X(UNKNOWN_CMD_HINT) X(UNKNOWN_CMD) X(ARG_MISSING) X(TOO_FEW) X(TOO_MANY) \
	X(NO_VALUE_TO_BIND) X(ENDED_WITHOUT_VALUE) X(INTERRUPTED) X(HISTORY_LIMIT) X(OOM) X(OOM_UNDONE) \
	X(OOM_NOT_RUN) X(OOM_RECORDING) X(OOM_NARRATION) X(OOM_KEEPING) X(NO_SUCH_RUN) X(BATCH_KEEPS_LAST) \
	X(NO_MICRO_STEPS) X(NOT_INSPECTION) X(ERROR_PREFIX) X(NOTE_PREFIX) X(HISTORY_DROPPED) \
	X(HELP_NO_COMMAND) X(HELP_ALIAS) X(EVENTS_FROM) X(EVENTS_RANGE) \
	X(LEX_VAR_EXPECTED) X(LEX_VAR_START) X(LEX_VAR_LONG) X(LEX_ASSIGN_EMPTY) X(LEX_TOO_MANY_WORDS) \
	X(LEX_QUOTE) X(LEX_NOT_UTF8) X(LEX_CONTROL) X(LEX_LINE_LONG) X(LEX_BAD_VAR_NAME) X(LEX_VARS_FULL) \
	X(LEX_VARS_OOM) X(LEX_WRAPS) X(LEX_TICK) X(LEX_NUMBER) X(LEX_NUMBER_VARS) X(LEX_NO_VARS) \
	X(LEX_UNKNOWN_VAR) X(LEX_VARS_HERE) X(LEX_VAR_WRAPS) X(LEX_VAR_BELOW) X(LEX_FLAG_HINT) X(LEX_FLAG_IN) \
	X(LEX_FLAG) X(LEX_FLAG_EMPTY) X(LEX_FLAG_BAD_NUMBER) X(LEX_FLAG_WIDE) X(LEX_FLAG_VAR) \
	X(LEX_FLAG_UNKNOWN) X(LEX_KEYWORD) \
	X(PROC_OPTION) X(PROC_NAME_FIRST) X(PROC_NO_LIVE) X(PROC_NO_PID) X(THREAD_OPTION) X(ACC_SIZE) X(ACC_VALUE_WIDE) \
	X(ACC_OWNED) X(ACC_SIZE_ZERO) X(ACC_TOUCH_MAX) X(ACC_TOUCH_LIMIT) X(POL_PAGES) X(POL_PAGE_RANGE) X(POL_TRACE_MAX) \
	X(POL_FRAMES_NEEDS) X(POL_FRAMES_RANGE) X(POL_BOTH) X(POL_SPAN) X(POL_NO_ACCESS) X(POL_NEED_TRACE) \
	X(INS_VA32) X(INS_CANON) X(INS_PFN) X(INS_L_COUNT) X(INS_COUNT) X(VAD_NONE) X(POOL_TAG) X(POOL_TAG_PRINT) \
	X(POOL_NOT_MAPPED) X(POOL_CORRUPT_LINE) X(SEC_PROTECT_WORD) X(SEC_NOT_CA) X(VMEX_NO_PID) X(VMEX_SYSTEM) X(SIZE_OPTION) \
	X(IMG_BASE_OPT) X(HEAP_NONE) X(HEAP_NOT) X(WS_PERIODS) X(POL_SCRATCH) X(POL_TRIM) X(POL_OOM) \
	X(FILE_WRITE) X(FILE_NO_NAME) X(FILE_NOT_REGULAR) X(FILE_KIND_DIR) X(FILE_KIND_LINK) X(FILE_KIND_FIFO) \
	X(FILE_KIND_DEVICE) X(FILE_KIND_SOCKET) X(FILE_KIND_OTHER) X(FILE_NAME_LONG) X(FILE_NO_TEMP) \
	X(FILE_EXISTS) X(FILE_APPEARED) X(FILE_RECORD_FULL) X(SNAP_OPTION) X(SNAP_BATCH) X(SNAP_FORMAT) \
	X(SCN_IMG_SECTIONS) X(LRN_BAD_MACHINE) X(LRN_BAD_MACHINE_AT) X(LRN_OOM_RUNNING) X(LRN_SETUP) \
	X(LRN_SETUP_NO_RESULT) X(LRN_OOM) X(LRN_NO_ANSWER)

enum langmsg_id {
#define LANGMSG_ENUM_(id) LANGMSG_##id,
	LANGMSG_IDS(LANGMSG_ENUM_)
#undef LANGMSG_ENUM_
	LANGMSG_COUNT
};

/* The text of a message in language lang (0 English, 1 German), as a
 * string literal, so printf checks a format against both. */
#define LM_PICK_(lang, en, de) ((lang) ? (de) : (en))
#define LM_PICK(lang, pair) LM_PICK_(lang, pair)
#define LM(lang, ID) LM_PICK(lang, LM_##ID)

/* The same from the table, for the tests and for a message chosen at run
 * time: "" for an id out of range. */
const char *langmsg_text(int lang, enum langmsg_id id);
const char *langmsg_name(enum langmsg_id id);
/* The same table as every layer's catalogue is (base/msgcat.h). */
extern const struct msgcat langmsg_cat;

/* A pair as a two-element array {English, German}, for a word handed to
 * a function that fails with it (lex.c's flag errors). */
#define LM_PAIR(ID) ((const char *const[2]){LM_##ID})

#endif
