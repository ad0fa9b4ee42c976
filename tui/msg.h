/*
 * msg.h — the TUI's message catalogue: every text the screen shows, in
 * English and German side by side (docs/tui.md TUI-LANG).
 *
 * One line per message, `#define M_<ID> "English", "German"`, and the id
 * in MSG_IDS below.  Panes say
 *
 *     grid_text_at(g, y, x, role, MSG(v->lang, PF_TITLE));
 *     snprintf(b, n, MSG(v->lang, PHYS_TITLE), pages, size);
 *
 * MSG expands to `(lang ? "German" : "English")`, two string literals, so
 * the compiler checks a format's arguments against both languages; static
 * tables take one language with MSG_EN / MSG_DE.  msg.c builds from the
 * same lines a table indexed by enum msg_id (msg_text), which the tests
 * walk: every message has both languages with the same conversions, and
 * no German screen shows a catalogue English text (tests/unit/38_i18n.c).
 * The German follows docs/glossary.md (GLO-TERMS, GLO-UI): "Sie", and the
 * terms of the German Windows tools.
 *
 * Words that are names in both languages (PFN, VAD, CR3, API names,
 * commands and their arguments) are not messages.
 */
#ifndef MM_MSG_H
#define MM_MSG_H

#include <inttypes.h>

/* ---- status line and bottom line (app.c) ---- */
#define M_ST_START_STEPS "start  %d steps", "Start  %d Schritte"
#define M_ST_START "start", "Start"
#define M_ST_CMD "cmd %d", "Befehl %d"
#define M_ST_CMD_AT "cmd %d  %s %s/%s", "Befehl %d  %s %s/%s"
#define M_ST_PART "part", "Teil"
#define M_ST_MICRO "micro", "Mikro"
#define M_ST_STEP "  step %d/%d", "  Schritt %d/%d"
#define M_ST_READING "  \u25b6 reading %d s ", "  \u25b6 Lesezeit %d s "
#define M_ST_PLAYING "  \u25b6 playing %dms ", "  \u25b6 läuft %dms "
#define M_ST_PAUSED "  \u2016 paused %dms ", "  \u2016 Pause %dms "
#define M_ST_FREE_PLAY "free play", "Freies Spiel"
#define M_ST_RUNNING_LINE "%c running %.200s ... %s micro-steps so far (Esc stops it)", "%c läuft: %.200s ... %s Mikroschritte bisher (Esc bricht ab)"
#define M_ST_RUNNING_N "%c running ... %s micro-steps so far", "%c läuft ... %s Mikroschritte bisher"
#define M_ST_RUNNING_AHEAD "%c running %.200s ... %s micro-steps, %d keys kept (Esc stops it)", \
	"%c läuft: %.200s ... %s Mikroschritte, %d Tasten warten (Esc: Stopp)"
#define M_ST_RUNNING "running %.200s ...", "läuft: %.200s ..."
#define M_ST_ERROR_IN "error in '%.40s%s' (see the narration pane)", "Fehler in '%.40s%s' (siehe die Erläuterung)"
#define M_ST_NO_SUMMARY "e opens a summary step: there is none here", "e klappt einen Zusammenfassungsschritt auf: hier ist keiner"
#define M_ST_NOT_KEPT "these micro-steps are not kept one by one (the events command lists them)", \
	"diese Mikroschritte sind nicht einzeln gespeichert (der Befehl events zeigt sie)"
#define M_ST_END_SCN "the end of the scenario: type : for a command", "Ende des Szenarios: Tippen Sie : für einen Befehl"
#define M_ST_END "the end: type : for a command", "Ende: Tippen Sie : für einen Befehl"
#define M_ST_NOTE "note: %.240s", "Hinweis: %.240s"

/* ---- keys of the focused pane, in the help (app.c) ---- */
#define M_PK_ZOOM_IN "Enter z, Bsp Z\tzoom in: address space region, then its pages / out", "Eing. z, Rück Z\thineinzoomen: Adressbereich, dann Seiten / heraus"
#define M_PK_SELECT "Up Down K J\tselect a region, a page or a frame (K J: by 8)", "Auf Ab K J\tBereich, Seite oder Rahmen wählen (K J: um 8)"
#define M_PK_PREV_NEXT "< > c l\tprevious/next page or frame; c: by list/use; l: frame", "< > c l\tvorige/nächste Seite; c: Liste/Verwendung; l: Rahmen"
#define M_PK_FORGET "Esc, Up Down\tforget the selection / scroll the narration (or output)", "Esc, Auf Ab\tAuswahl vergessen / Erläuterung (oder Ausgabe) blättern"

/* ---- the further screens (screen.c and pane_*.c) ---- */
#define M_SCR_BACK " Esc: back ", " Esc: zurück "
#define M_SCR_RANGE " %d-%d of %d ", " %d-%d von %d "
#define M_NO_PROCESS "no current process: process create NAME", "kein aktueller Prozess: process create NAME"

#define M_PF_TITLE "Page files", "Auslagerungsdateien"
#define M_PF_COUNT_ONE "%d page file  (sizes in slots: one page each)", "%d Auslagerungsdatei  (Größen in Slots zu je einer Seite)"
#define M_PF_COUNT "%d page files  (sizes in slots: one page each)", "%d Auslagerungsdateien  (Größen in Slots zu je einer Seite)"
#define M_PF_HEAD " #      size    minimum    maximum     in use       free       peak", \
	" #     Größe    Minimum    Maximum     belegt       frei     Spitze"
#define M_PF_USED "%.1f%% used", "%.1f%% belegt"
#define M_PF_NONE "no page file: the machine runs without one (--pagefile SIZE)", \
	"keine Auslagerungsdatei: der Rechner läuft ohne (--pagefile SIZE)"

#define M_POOL_TITLE "Pools by tag", "Pools nach Tag"
#define M_POOL_SUM_ONE "nonpaged pool %" PRIu64 " bytes  paged pool %" PRIu64 " bytes  %d tag", \
	"nicht ausgelagerter Pool %" PRIu64 " Bytes  ausgelagerter Pool %" PRIu64 " Bytes  %d Tag"
#define M_POOL_SUM "nonpaged pool %" PRIu64 " bytes  paged pool %" PRIu64 " bytes  %d tags", \
	"nicht ausgelagerter Pool %" PRIu64 " Bytes  ausgelagerter Pool %" PRIu64 " Bytes  %d Tags"
#define M_POOL_HEAD " Tag    NP allocs    NP bytes   P allocs     P bytes", \
	" Tag  NAP Anford.   NAP Bytes AP Anford.    AP Bytes"
#define M_POOL_NONE "no pool allocations yet (ExAllocatePoolWithTag)", "noch keine Pool-Anforderungen (ExAllocatePoolWithTag)"
#define M_POOL_CORRUPT_ONE "%" PRIu64 " pool page with corrupt headers: :!pool ADDR shows where", \
	"%" PRIu64 " Pool-Seite mit beschädigten Köpfen: :!pool ADDR zeigt, wo"
#define M_POOL_CORRUPT "%" PRIu64 " pool pages with corrupt headers: :!pool ADDR shows where", \
	"%" PRIu64 " Pool-Seiten mit beschädigten Köpfen: :!pool ADDR zeigt, wo"
#define M_POOL_FOOT "NP: nonpaged pool (always resident), P: paged pool", \
	"NAP: nicht ausgelagerter Pool (immer im RAM), AP: ausgelagerter Pool"

#define M_PROCS_TITLE "Processes", "Prozesse"
#define M_PROCS_SUM_ONE "%d process  commit %" PRIu64 "/%" PRIu64 " pages  available %" PRIu64, \
	"%d Prozess  zugesichert %" PRIu64 "/%" PRIu64 " Seiten  verfügbar %" PRIu64
#define M_PROCS_SUM "%d processes  commit %" PRIu64 "/%" PRIu64 " pages  available %" PRIu64, \
	"%d Prozesse  zugesichert %" PRIu64 "/%" PRIu64 " Seiten  verfügbar %" PRIu64
#define M_PROCS_HEAD "    PID Name         CR3           WS   min   max  peak commit faults  VADs", \
	"    PID Name         CR3           AS   Min   Max   Sp.  Zuges Fehler  VADs"
#define M_PROCS_NONE "no process yet: process create NAME", "noch kein Prozess: process create NAME"
#define M_PROCS_FOOT "CR3: DirBase, the top table; sizes in pages; > the current process", \
	"CR3: DirBase; AS: Arbeitssatz; Sp.: Spitze; in Seiten; > der aktuelle Prozess"

#define M_WSET_TITLE "Working set", "Arbeitssatz"
#define M_WSET_SUM "pid %" PRIu64 "  size %" PRIu64 "  minimum %" PRIu64 "  maximum %" PRIu64 "  peak %" PRIu64 \
	"  faults %" PRIu64 " (pages)", \
	"PID %" PRIu64 "  Größe %" PRIu64 "  Min. %" PRIu64 "  Max. %" PRIu64 "  Spitze %" PRIu64 \
	"  Seitenfehler %" PRIu64 " (Seiten)"
#define M_WSET_HEAD "  #  VA                  age  flags        PFN", "  #  VA               Alter  Merkmale     PFN"
#define M_WSET_LOCKED "locked ", "fest "
#define M_WSET_TABLE "table", "Tabelle"
#define M_WSET_FOOT "above the maximum the trimmer takes the oldest unlocked entries first", \
	"über dem Maximum kürzt der Arbeitssatz-Manager zuerst die ältesten nicht gesperrten Einträge"

#define M_VAD_TITLE "VAD tree", "VAD-Baum"
#define M_VAD_SUM "pid %" PRIu64 "  %d VADs  depth %d  (VPN = address >> 12)", \
	"PID %" PRIu64 "  %d VADs  Tiefe %d  (VPN = Adresse >> 12)"
#define M_VAD_HEAD "start VPN   end VPN     type    protection        commit usage", \
	"Start-VPN   End-VPN     Typ     Schutz            zuges. Nutzung"

#define M_SEC_TITLE "Sections", "Abschnitte"
#define M_SEC_SUM_ONE "%d section mapped by pid %u: control areas and prototype PTEs", \
	"%d Abschnitt, zugeordnet von PID %u: Steuerbereiche und Prototyp-PTEs"
#define M_SEC_SUM "%d sections mapped by pid %u: control areas and prototype PTEs", \
	"%d Abschnitte, zugeordnet von PID %u: Steuerbereiche und Prototyp-PTEs"
#define M_SEC_PF_BACKED "(pagefile-backed)", "(aus der Auslagerungsdatei)"
#define M_SEC_CA "%" PRIu64 " pages  views %" PRIu64 "  refs %" PRIu64 "  commit %" PRIu64 "  resident %" PRIu64 \
	"  mapped here at", \
	"%" PRIu64 " Seiten  Ansichten %" PRIu64 "  Verweise %" PRIu64 "  zugesichert %" PRIu64 "  im RAM %" PRIu64 \
	"  hier zugeordnet bei"
#define M_SEC_HEAD "  # prototype PTE at      value               format       PFN    share", \
	"  # Prototyp-PTE bei      Wert                Format       PFN    Teilung"
#define M_SEC_NONE "no mapped view: CreateFileMapping, then MapViewOfFile", \
	"keine zugeordnete Ansicht: CreateFileMapping, dann MapViewOfFile"

/* ---- address space, page map (pane_vas.c, pane_vasmap.c) ---- */
#define M_VAS_THREAD_STACK "Thread stack %" PRIu64, "Threadstapel %" PRIu64
#define M_VAS_SHARED_DATA "Shared user data", "Gemeinsame Benutzerdaten"
#define M_VAS_RESERVED "Reserved", "Reserviert"
#define M_VAS_TOTAL "Total", "Gesamt"
#define M_VAS_REGIONS_AGAIN "u: the regions again", "u: wieder die Regionen"
#define M_VAS_SUMMARY_TITLE "Summary: %s (pid %u)", "Übersicht: %s (PID %u)"
#define M_VAS_TITLE "Address space: %s (pid %u)", "Adressraum: %s (PID %u)"
#define M_VAS_ZOOM_TITLE "Address space: %s zoom %d", "Adressraum: %s Zoom %d"
#define M_MAP_CELL_ONE "1 cell = 1 page", "1 Zelle = 1 Seite"
#define M_MAP_CELL "1 cell = %" PRIu64 " pages (%s)", "1 Zelle = %" PRIu64 " Seiten (%s)"
#define M_MAP_IN_PLAY "in play", "im Spiel"
#define M_MAP_PAGES_OF "pages of 0x%" PRIx64 ":", "Seiten von 0x%" PRIx64 ":"
#define M_MAP_PER_CELL_ONE "1 page per cell", "1 Seite je Zelle"
#define M_MAP_PER_CELL "%" PRIu64 " pages (%s) per cell", "%" PRIu64 " Seiten (%s) je Zelle"
#define M_MAP_FREE "free", "frei"
#define M_MAP_RESERVED "reserved", "reserviert"
#define M_MAP_COMMITTED "committed", "zugesichert"

/* ---- physical memory (pane_phys.c) ---- */
#define M_PHYS_TITLE "Physical memory: %" PRIu64 " frames, %s", "Physischer Speicher: %" PRIu64 " Rahmen, %s"
#define M_PHYS_TITLE_SHORT "RAM: %" PRIu64 " frames", "RAM: %" PRIu64 " Rahmen"
#define M_PHYS_CELL_ONE "1 cell = 1 frame (4 KB)", "1 Zelle = 1 Rahmen (4 KB)"
#define M_PHYS_CELL_DOM "1 cell = %" PRIu64 " frames (%s), dominant state", "1 Zelle = %" PRIu64 " Rahmen (%s), häufigster Zustand"
#define M_PHYS_CELL_DOM_USE "1 cell = %" PRIu64 " frames (%s), dominant use", "1 Zelle = %" PRIu64 " Rahmen (%s), häufigste Verwendung"
#define M_PHYS_BY_USE ", by use", ", nach Verwendung"
#define M_PHYS_TITLE_SHORT_USE "RAM by use: %" PRIu64 " frames", "RAM n. Verw.: %" PRIu64 " Rahmen"
#define M_ST_QUESTION "  ? question ", "  ? Frage "
#define M_PHYS_CELL "1 cell = %" PRIu64 " frames (%s)", "1 Zelle = %" PRIu64 " Rahmen (%s)"
#define M_PHYS_CELL_SHORT "cell = %" PRIu64 " frames", "Zelle = %" PRIu64 " Rahmen"
#define M_PHYS_CLICK "click a frame for its PFN entry", "Klick auf einen Rahmen: sein PFN-Eintrag"
#define M_PHYS_CLICK_SHORT "click: PFN entry", "Klick: PFN-Eintrag"
#define M_PHYS_ZEROED "zeroed", "genullt"
#define M_PHYS_FREE "free", "frei"
#define M_PHYS_STANDBY "standby", "Standby"
#define M_PHYS_MODIFIED "modified", "geändert"
#define M_PHYS_MOD_NOWRITE "mod-nowrite", "geänd.-nicht-schr."
#define M_PHYS_BAD "bad", "defekt"
#define M_PHYS_ACTIVE "active", "aktiv"
#define M_PHYS_TRANSITION "transition", "Übergang"

/* ---- translation (pane_xlate.c) and PTE bits (view.c) ---- */
#define M_XL_TITLE "Translation", "Adressübersetzung"
#define M_XL_TITLE_ANIM "Translation (animated)", "Adressübersetzung (läuft)"
#define M_XL_OFFSET "offset", "Offset"
#define M_XL_PID "pid %u", "PID %u"
#define M_XL_DECODED "%s[0x%" PRIx64 "] = 0x%" PRIx64 ", decoded:", "%s[0x%" PRIx64 "] = 0x%" PRIx64 ", entschlüsselt:"
#define M_XL_DECODED0 "%s[0] = 0x%" PRIx64 ", decoded:", "%s[0] = 0x%" PRIx64 ", entschlüsselt:"
#define M_XL_TLB_HIT_WORD "hit", "Treffer"
#define M_XL_TLB_MISS_WORD "miss: walk the tables", "Fehltreffer: Tabellen durchlaufen"
#define M_XL_TLB_LOOKUP "look-up", "Suche"
#define M_XL_TLB_HIT "TLB hit -> PFN 0x%" PRIx64, "TLB-Treffer -> PFN 0x%" PRIx64
#define M_XL_TLB_FILLED "TLB miss, filled -> PFN 0x%" PRIx64, "TLB-Fehltreffer, gefüllt -> PFN 0x%" PRIx64
#define M_XL_TLB_FILLED_SHORT "TLB filled -> PFN 0x%" PRIx64, "TLB gefüllt -> PFN 0x%" PRIx64
#define M_XL_RETRY "  (retry %d)", " (Wdh. %d)"
#define M_XL_NOT_READ_TLB "(not read: TLB hit)", "(nicht gelesen: TLB-Treffer)"
#define M_XL_CACHED_TABLE "%s  (not read: cached -> table PFN 0x%" PRIx64 ")", "%s  (aus dem Cache: Tabelle PFN 0x%" PRIx64 ")"
#define M_XL_CACHED "%s  (not read: cached)", "%s  (aus dem Cache, nicht gelesen)"
#define M_XL_IN_FAULT "! page fault: ", "! Seitenfehler: "
#define M_XL_FAULTS "faults: ", "Seitenfehler: "
#define M_XL_PA "PA 0x%" PRIx64 " = PFN 0x%" PRIx64 " + offset 0x%" PRIx64, "PA 0x%" PRIx64 " = PFN 0x%" PRIx64 " + Offset 0x%" PRIx64
#define M_XL_NONCANONICAL "not a canonical address of this process", "keine kanonische Adresse dieses Prozesses"
#define M_XL_TLB_HOLDS "TLB holds it -> PFN 0x%x", "im TLB -> PFN 0x%x"
#define M_XL_TLB_NOT "TLB: not cached (a miss walks)", "TLB: nicht darin (ein Fehltreffer)"
#define M_XL_NOT_VALID "not valid: an access faults", "ungültig: ein Zugriff ist ein Seitenfehler"
#define M_XL_NO_VA "No address in play yet.", "Noch keine Adresse im Spiel."
#define M_XL_TRY "Try :vtop ADDR or :read ADDR", "Versuchen Sie :vtop ADDR oder :read ADDR"
#define M_PTE_ZERO "zero: nothing here", "null: hier ist nichts"
#define M_PTE_VALID "valid", "gültig"
#define M_PTE_WRITE "write", "schreibbar"
#define M_PTE_USER "user", "Benutzer"
#define M_PTE_WRITE_THROUGH "write-through", "Write-Through"
#define M_PTE_ACCESSED "accessed", "Accessed"
#define M_PTE_DIRTY "dirty", "Dirty"
#define M_PTE_GLOBAL "global", "global"
#define M_PTE_COPY_ON_WRITE "copy-on-write", "Copy-on-Write"
#define M_PTE_NO_EXECUTE "no-execute", "No-Execute"
#define M_PTE_PROTOTYPE "prototype", "Prototyp"
#define M_ACC_READ "read", "Lesen"
#define M_ACC_WRITE "write", "Schreiben"
#define M_ACC_EXECUTE "execute", "Ausführen"
#define M_PTE_CACHE_DISABLE "cache-disable", "Cache-aus"
#define M_PTE_LARGE "large", "groß"
#define M_PTE_PROTECTION "protection=%s", "Schutz=%s"
#define M_PTE_PAGEFILE "pagefile=%d offset=0x%" PRIx64, "Auslagerungsdatei=%d Offset=0x%" PRIx64

/* ---- narration (pane_narr.c) ---- */
#define M_NA_START_HINT "Press space to play, n for the next micro-step, p to go back, ? for help.", \
	"Leertaste spielt ab, n: nächster Mikroschritt, p: zurück, ?: Hilfe."
#define M_NA_FREE_PLAY "Free play", "Freies Spiel"
#define M_NA_FREE_TEXT "An empty machine. Type : and a command, e.g. process create app.exe " \
	"(Tab completes, help lists every command, O shows a long output whole).", \
	"Ein leerer Rechner. Tippen Sie : und einen Befehl, z. B. process create app.exe " \
	"(Tab ergänzt, help listet alle Befehle, O zeigt eine lange Ausgabe ganz)."
#define M_NA_VALID "valid", "gültig"
#define M_NA_NOT_VALID "not valid", "ungültig"
#define M_NA_AT "  at %s", "  bei %s"
#define M_NA_E_CLOSE ", e: close", ", e: zu"
#define M_NA_E_OPEN ", e: open", ", e: auf"
#define M_NA_PART "part %s/%s (%s micro-steps)%s", "Teil %s/%s (%s Mikroschritte)%s"
#define M_NA_MICRO "micro-step %s/%s", "Mikroschritt %s/%s"
#define M_NA_ERROR "error: %s (%s)", "Fehler: %s (%s)"
#define M_NA_ABOUT "(about to run: n shows the first micro-step)", "(bereit: n zeigt den ersten Mikroschritt)"
#define M_NA_FREE_TITLE_ONE "Free play: %d command", "Freies Spiel: %d Befehl"
#define M_NA_FREE_TITLE "Free play: %d commands", "Freies Spiel: %d Befehle"
#define M_NA_TYPED "Typed command (after step %d/%d)", "Eingegebener Befehl (nach Schritt %d/%d)"
#define M_NA_STEP "Step %d/%d", "Schritt %d/%d"
#define M_NA_STEPS "%d steps", "%d Schritte"

/* ---- too small, completion (layout.c, cmdline.c) ---- */
#define M_LO_NEED "mmviz needs at least %dx%d", "mmviz braucht mindestens %dx%d"
#define M_LO_NEED_SHORT "need %dx%d", "nötig %dx%d"
#define M_LO_HAVE "this terminal is %dx%d", "dieses Terminal hat %dx%d"
#define M_LO_HAVE_SHORT "now %dx%d", "jetzt %dx%d"
#define M_LO_HINT "enlarge the window or use a smaller font", "Fenster vergrößern oder kleinere Schrift"
#define M_LO_HINT_SHORT "enlarge", "vergrößern"
#define M_CL_NO_COMPLETION "no completion", "keine Ergänzung"

/* ---- the quiz and the policies lab as screens (screen_quiz.c, pane_policies.c; docs/tui.md TUI-QUIZ, TUI-POLICIES) ---- */
#define M_QZ_BAD_TOPIC "--quiz: unknown topic '%s'; expected %s (or all)", "--quiz: unbekanntes Thema '%s'; erwartet: %s (oder all)"
#define M_QZ_SETUP_SAY "The machine of the question is set up (p steps back through it).", "Die Maschine der Frage wird eingerichtet (p geht durch sie zurück)."
#define M_QZ_TITLE "Quiz: %s (question %d of %d)", "Quiz: %s (Frage %d von %d)"
#define M_QZ_STEP_SAY "Question %d of %d [%s]: the question's own command, played by the simulation.", "Frage %d von %d [%s]: der Befehl der Frage, von der Simulation ausgeführt."
#define M_QZ_PROMPT "The question stands above. Type the answer (a choice's letter will do).", "Die Frage steht oben. Geben Sie die Antwort ein (der Buchstabe einer Wahl genügt)."
#define M_QZ_TOO_LONG "this problem's set-up is too long to replay", "die Einrichtung dieser Aufgabe ist zu lang zum Abspielen"
#define M_QZ_SCREEN_TITLE "Quiz: question %d of %d [%s], %d of %d right", "Quiz: Frage %d von %d [%s], %d von %d richtig"
#define M_QZ_HOW "Answer on the bottom line and press Enter; a wrong answer gets a second try; Enter alone or Esc: show me. Then the panes play the question's command.", "Antwort in der untersten Zeile eingeben, Enter; eine falsche Antwort bekommt einen zweiten Versuch; Enter allein oder Esc: zeigen. Dann spielen die Ansichten den Befehl der Frage ab."
#define M_QZ_NEXT "n: next question   q or Esc: end the quiz (%d of %d right)", "n: nächste Frage   q oder Esc: Quiz beenden (%d von %d richtig)"
#define M_QZ_END "Quiz ended: %d of %d right.", "Quiz beendet: %d von %d richtig."
#define M_QZ_DONE "No more questions: %d of %d right. q or Esc ends the quiz.", "Keine weiteren Fragen: %d von %d richtig. q oder Esc beendet das Quiz."
#define M_QZ_STATUS "  quiz %d/%d right", "  Quiz %d/%d richtig"
#define M_PL_TITLE_NONE "Replacement policies", "Ersetzungsstrategien"
#define M_PL_NONE "No `policies` result yet: type one on the command line (:), e.g.", "Noch kein Ergebnis von `policies`: Geben Sie eines in der Befehlszeile (:) ein, z. B."
#define M_PL_TITLE "Replacement policies: %d references, %d frames; reference %d of %d", "Ersetzungsstrategien: %d Referenzen, %d Rahmen; Referenz %d von %d"
#define M_PL_REFS "references", "Referenzen"
#define M_PL_FAULTS "%d/%d faults", "%d/%d Fehler"
#define M_PL_FOOT "* = page fault (the page it brought in); n p Home End: through the references", "* = Seitenfehler (die Seite, die er holte); n p Pos1 Ende: durch die Referenzen"
#define M_QZ_RETRY "Not right: one more try.", "Nicht richtig: ein zweiter Versuch."
#define M_PL_FOOT_ROW "n* = fault, page n brought in; . = hit; [ ] = the frames now", "n* = Seitenfehler, Seite n geholt; . = Treffer; [ ] = die Rahmen jetzt"
#define M_QZ_SCORE "Score: %d of %d right.\n", "Ergebnis: %d von %d richtig.\n"
/* ---- address space columns and types, RAMMap's words, links (pane_vas.c,
 * ram.c, pane_split.c, pane_usecounts.c, pane_physpages.c) ---- */
#define M_VAS_COL_ADDR "Address", "Adresse"
#define M_VAS_COL_TYPE "Type", "Typ"
#define M_VAS_COL_SIZE "Size", "Größe"
#define M_VAS_COL_COMMIT "Commit", "Zugesi."
#define M_VAS_COL_PRIV "Private", "Privat"
#define M_VAS_COL_WS "WS", "AS"
#define M_VAS_COL_PWS "PrivWS", "PrivAS"
#define M_VAS_COL_SHBL "ShblWS", "FreigAS"
#define M_VAS_COL_SHRD "ShrdWS", "GemAS"
#define M_VAS_COL_PROT "Protection", "Schutz"
#define M_VAS_COL_BLOCKS "Blocks", "Blöcke"
#define M_VAS_COL_DETAIL "Details", "Details"
#define M_VAS_COL_USAGE "Usage", "Nutzung"
#define M_VAS_T_FREE "Free", "Frei"
#define M_VAS_T_UNUSABLE "Unusable", "Unbrauchbar"
#define M_VAS_T_IMAGE "Image", "Image"
#define M_VAS_T_MAPPED "Mapped File", "Zugeordnete Datei"
#define M_VAS_T_SHAREABLE "Shareable", "Freigebbar"
#define M_VAS_T_HEAP "Heap", "Heap"
#define M_VAS_T_STACK "Stack", "Stapel"
#define M_VAS_T_PRIVATE "Private Data", "Private Daten"
#define M_VAS_T_PAGE_TABLE "Page Table", "Seitentabelle"
/* short forms for a narrow pane, at most 8 columns: in German a whole word
 * or an abbreviation with its period (Unbr. for unbrauchbar), never a word
 * cut short (tests/unit/49_tui_faults.c test_vtype_short_words) */
#define M_VAS_TS_UNUSABLE "Unusable", "Unbr."
#define M_VAS_TS_MAPPED "Mapped", "Datei"
#define M_VAS_TS_SHAREABLE "Share", "Freigeb."
#define M_VAS_TS_PRIVATE "Private", "Privat"
#define M_VAS_TS_PAGE_TABLE "PgTable", "Tabelle"
#define M_VAS_HEAP_ID "Heap ID: %" PRIu64, "Heap-ID: %" PRIu64
#define M_VAS_HEAP_SHORT "Heap %" PRIu64, "Heap %" PRIu64
#define M_VAS_STACK_SHORT "Thread %" PRIu64, "Thread %" PRIu64
#define M_VAS_SHARED_SHORT "Shared data", "Gem. Daten"
#define M_RAM_U_UNUSED "Unused", "Unbenutzt"
#define M_RAM_U_PRIVATE "Process Private", "Prozessprivat"
#define M_RAM_U_PAGE_TABLE "Page Table", "Seitentabelle"
#define M_RAM_U_MAPPED "Mapped File", "Zugeordnete Datei"
#define M_RAM_U_IMAGE "Image", "Image"
#define M_RAM_U_SHAREABLE "Shareable", "Freigebbar"
#define M_RAM_U_PAGED_POOL "Paged Pool", "Ausgelagerter Pool"
#define M_RAM_U_NONPAGED_POOL "Nonpaged Pool", "Nicht ausgelag. Pool"
#define M_RAM_U_KERNEL_IMAGE "Kernel Image", "Kernel-Image"
#define M_RAM_U_SYSTEM "System", "System"
#define M_RAM_L_ZEROED "Zeroed", "Genullt"
#define M_RAM_L_FREE "Free", "Frei"
#define M_RAM_L_STANDBY "Standby", "Standby"
#define M_RAM_L_MODIFIED "Modified", "Geändert"
#define M_RAM_L_MOD_NOWRITE "Mod No-Write", "Geänd.o.Schr"
#define M_RAM_L_BAD "Bad", "Fehlerhaft"
#define M_RAM_L_ACTIVE "Active", "Aktiv"
#define M_RAM_L_TRANSITION "Transition", "Übergang"
#define M_RAM_LINK_PROTO " -> Image %s +0x%" PRIx64 " proto PTE 0x%" PRIx64 "  !ca", " -> Image %s +0x%" PRIx64 " Prototyp-PTE 0x%" PRIx64 "  !ca"
#define M_RAM_LINK_PROTO_FILE " -> File %s +0x%" PRIx64 " proto PTE 0x%" PRIx64 "  !ca", " -> Datei %s +0x%" PRIx64 " Prototyp-PTE 0x%" PRIx64 "  !ca"
#define M_RAM_LINK_OWNER " -> pid %" PRId64 " VA 0x%" PRIx64 "  !pte 0x%" PRIx64, " -> PID %" PRId64 " VA 0x%" PRIx64 "  !pte 0x%" PRIx64
#define M_RAM_LINK_SYSTEM " -> system VA 0x%" PRIx64 "  !pte 0x%" PRIx64, " -> System VA 0x%" PRIx64 "  !pte 0x%" PRIx64
#define M_PP_BY_USE_LIST "%s on %s: %d frames   [ ] one process only, Enter: show the frame", "%s auf %s: %d Seiten   [ ] nur ein Prozess, Enter: Rahmen zeigen"
#define M_PP_ANY_USE "every use", "jede Verwendung"
#define M_PP_ANY_LIST "every list", "jeder Liste"
#define M_UC_LINK_HINT "Up Down < >: a cell; Enter or a click: its frames in Physical Pages", "Auf Ab < >: eine Zelle; Eingabe oder Klick: ihre Seiten in Physische Seiten"
#define M_SPL_TITLE "Two processes", "Zwei Prozesse"
#define M_SPL_NO_SECOND "no second process: process create NAME", "kein zweiter Prozess: process create NAME"
#define M_SPL_SIDE "%u %s  WS %" PRIu64 "  both %" PRIu64 "  apart %" PRIu64, "%u %s  AS %" PRIu64 "  beide %" PRIu64 "  getrennt %" PRIu64
#define M_SPL_BOTH "Both", "Beide"
#define M_SPL_APART "Apart", "Getr."
#define M_SPL_NO_MEMORY "out of memory", "kein Speicher frei"
#define M_SPL_NOTE "Both: the same frame in both working sets; Apart: an address both use, on a frame of its own. [ ] other process; Enter: region, l: frame; !wsle, !pfn", "Beide: derselbe Rahmen in beiden Arbeitssätzen; Getr.: dieselbe Adresse, eigener Rahmen. [ ] anderer Prozess; Eingabe: Region, l: Rahmen; !wsle, !pfn"
#define M_UC_TITLE "Use Counts (RAMMap)", "Verwendung (RAMMap: Use Counts)"
#define M_UC_PAGES "%" PRIu64 " pages (4 KB) by use and list", "%" PRIu64 " Seiten (4 KB), nach Verwendung und Liste"
#define M_UC_USE "Use", "Verwendung"
#define M_UC_BY_PRIO "Standby by priority:", "Standby nach Priorität:"
#define M_UC_NOTE "as RAMMap's Use Counts (pages, not KB); !memusage gives the totals too", "wie RAMMap, Use Counts (Seiten statt KB); die Summen zeigt auch !memusage"
#define M_PP_TITLE "Physical Pages (RAMMap)", "Physische Seiten (RAMMap)"
#define M_PP_PROCESS "process %u: %d frames   [ ] other process, Enter: show the frame", "Prozess %u: %d Seiten   [ ] anderer Prozess, Enter: Rahmen zeigen"
#define M_PP_ALL "all %d frames   [ ] one process only, Enter: show the frame", "alle %d Seiten   [ ] nur ein Prozess, Enter: Rahmen zeigen"
#define M_PP_COL_LIST "List", "Liste"
#define M_PP_COL_USE "Use", "Verwendung"
#define M_PP_COL_PID "Pid", "Proz."
#define M_PP_COL_WHERE "VA / File +Offset", "VA / Datei +Offset"
#define M_MAP_PROTO_PTE "proto PTE", "Prototyp-PTE"

/* the ids of the block above */
#define MSG_IDS_PANES(X) \
	X(VAS_COL_ADDR) X(VAS_COL_TYPE) X(VAS_COL_SIZE) X(VAS_COL_COMMIT) X(VAS_COL_PRIV) X(VAS_COL_WS) \
	X(VAS_COL_PWS) X(VAS_COL_SHBL) X(VAS_COL_SHRD) X(VAS_COL_PROT) X(VAS_COL_BLOCKS) X(VAS_COL_DETAIL) X(VAS_COL_USAGE) \
	X(VAS_T_FREE) X(VAS_T_UNUSABLE) X(VAS_T_IMAGE) X(VAS_T_MAPPED) X(VAS_T_SHAREABLE) X(VAS_T_HEAP) \
	X(VAS_T_STACK) X(VAS_T_PRIVATE) X(VAS_T_PAGE_TABLE) X(VAS_TS_UNUSABLE) X(VAS_TS_MAPPED) \
	X(VAS_TS_SHAREABLE) X(VAS_TS_PRIVATE) X(VAS_TS_PAGE_TABLE) X(VAS_HEAP_ID) X(VAS_HEAP_SHORT) \
	X(VAS_STACK_SHORT) X(VAS_SHARED_SHORT) X(RAM_U_UNUSED) X(RAM_U_PRIVATE) X(RAM_U_PAGE_TABLE) \
	X(RAM_U_MAPPED) X(RAM_U_IMAGE) X(RAM_U_SHAREABLE) X(RAM_U_PAGED_POOL) X(RAM_U_NONPAGED_POOL) \
	X(RAM_U_KERNEL_IMAGE) X(RAM_U_SYSTEM) \
	 \
	 X(RAM_L_ZEROED) X(RAM_L_FREE) X(RAM_L_STANDBY) \
	X(RAM_L_MODIFIED) X(RAM_L_MOD_NOWRITE) X(RAM_L_BAD) X(RAM_L_ACTIVE) X(RAM_L_TRANSITION) \
	X(RAM_LINK_PROTO) X(RAM_LINK_PROTO_FILE) X(RAM_LINK_OWNER) X(RAM_LINK_SYSTEM) X(PP_BY_USE_LIST) X(PP_ANY_USE) X(PP_ANY_LIST) X(UC_LINK_HINT) \
	X(SPL_TITLE) X(SPL_NO_SECOND) X(SPL_SIDE) X(SPL_BOTH) X(SPL_APART) X(SPL_NO_MEMORY) X(SPL_NOTE) X(UC_TITLE) X(UC_PAGES) \
	X(UC_USE) X(UC_BY_PRIO) X(UC_NOTE) X(PP_TITLE) X(PP_PROCESS) X(PP_ALL) X(PP_COL_LIST) X(PP_COL_USE) X(PP_COL_PID) X(PP_COL_WHERE) X(MAP_PROTO_PTE)
/* ---- the PFN line of the frame view, in a German lecturer's words
 * (pane_phys.c draw_pfn; docs/glossary.md GLO-TERMS: share count,
 * reference count) ---- */
#define M_PFN_HEAD "PFN 0x%x %s", "PFN 0x%x: %s"
#define M_PFN_SHARE_COUNT " share %u", ", Share Count %u"
#define M_PFN_REF_COUNT " ref %u", ", Referenzzähler %u"
#define M_PFN_PTE " pte 0x%" PRIx64, ", PTE bei 0x%" PRIx64
#define M_PFN_OWNER_PID " owner %" PRId64, ", Besitzer PID %" PRId64
#define M_PFN_DIRTY " modified", ", geändert"
#define M_PFN_ORIGINAL " orig 0x%" PRIx64, ", Original-PTE 0x%" PRIx64
#define M_PFN_USE_PRIVATE "private", "privat"
#define M_PFN_USE_PAGE_TABLE "page_table", "Seitentabelle"
#define M_PFN_USE_SYSTEM "system", "System"
#define M_PFN_USE_SHARED_USER_DATA "shared_user_data", "gemeinsame Benutzerdatenseite"
#define M_PFN_USE_MAPPED_FILE "mapped_file", "zugeordnete Datei"
#define M_PFN_USE_IMAGE "image", "Image"
#define M_PFN_USE_PAGED_POOL "paged_pool", "ausgelagerter Pool"
#define M_PFN_USE_NONPAGED_POOL "nonpaged_pool", "nicht ausgelagerter Pool"
#define M_PFN_USE_SHAREABLE "shareable", "freigebbar"

/* ---- the key help (keymap.c keymap_draw_help) ---- */
#define M_KH_TITLE "Keys (any key closes)", "Tasten (jede Taste schließt)"
#define M_KH_ESC_BACK " (Esc: back)", " (Esc: zurück)"
#define M_KH_FOCUSED "In the focused pane (Tab moves the focus)", "Im Bereich mit dem Fokus (Tab wechselt ihn)"
#define M_KH_FOCUSED_FOLD "In the focused pane (Tab / S-Tab move the focus)", "Im Bereich mit dem Fokus (Tab / Umsch-Tab wechseln ihn)"
#define M_KH_MOUSE "Mouse: a click selects a region, a page or a frame.", \
	"Maus: ein Klick wählt einen Bereich, eine Seite oder einen Rahmen."

/* ---- tui7: the folded RAM line, the PFN line's short forms (pane_phys.c;
 * layout.h L4, issue 12), whose translation (pane_xlate.c) ---- */
#define M_PHYS_LINE "RAM %" PRIu64 " frames:", "RAM %" PRIu64 " Rahmen:"
#define M_PFN_SHARE_SHORT " share %u", ", Share %u"
#define M_PFN_REF_SHORT " ref %u", ", Ref. %u"
#define M_PFN_PTE_SHORT " pte 0x%" PRIx64, ", PTE 0x%" PRIx64
#define M_PFN_OWNER_SHORT " pid %" PRId64, ", PID %" PRId64
#define M_PFN_ORIGINAL_SHORT " orig 0x%" PRIx64, ", Orig. 0x%" PRIx64
/* the translation pane beside another process's address space: it
 * follows the current process and says so (pane_xlate.c) */
#define M_XL_TITLE_CURRENT "Translation in pid %u (current)", "Übersetzung in PID %u (aktuell)"
#define MSG_IDS_TUI7(X) X(PHYS_LINE) X(PFN_SHARE_SHORT) X(PFN_REF_SHORT) X(PFN_PTE_SHORT) X(PFN_OWNER_SHORT) \
	X(PFN_ORIGINAL_SHORT) X(XL_TITLE_CURRENT)
/* ---- the command line (main.c, docs/cli.md CLI-LANG): what mmviz says about its options and input ---- */
#define M_CLI_TRY_HELP "Try 'mmviz --help' for more information.", "Mehr dazu zeigt 'mmviz --help'."
#define M_CLI_NEEDS_VALUE "%s needs a value", "%s braucht einen Wert"
#define M_CLI_UNKNOWN_OPTION "unknown option '%s'", "unbekannte Option '%s'"
#define M_CLI_UNKNOWN_OPTION_HINT "unknown option '%s'; did you mean %s?", "unbekannte Option '%s'; meinten Sie %s?"
#define M_CLI_ARCH "--arch: expected x86, pae or x64, got '%s'", "--arch: erwartet ist x86, pae oder x64, erhalten: '%s'"
#define M_CLI_OS "--os: expected win10, win7 or xp, got '%s'", "--os: erwartet ist win10, win7 oder xp, erhalten: '%s'"
#define M_CLI_PAGEFILES "--pagefile: at most 16 page files", "--pagefile: höchstens 16 Auslagerungsdateien"
#define M_CLI_HISTORY "--history-limit: expected 16M to 1024G, got '%s'", \
	"--history-limit: erwartet sind 16M bis 1024G, erhalten: '%s'"
#define M_CLI_TLB "--tlb: expected a power of two from 4 to 4096, got '%s'", \
	"--tlb: erwartet ist eine Zweierpotenz von 4 bis 4096, erhalten: '%s'"
#define M_CLI_FORMAT_SCREEN "--format: expected text, ansi, html or svg for --screen, got '%s'", \
	"--format: erwartet ist text, ansi, html oder svg für --screen, erhalten: '%s'"
#define M_CLI_FORMAT_EXERCISE "--format: expected text or markdown for --exercise, got '%s'", \
	"--format: erwartet ist text oder markdown für --exercise, erhalten: '%s'"
#define M_CLI_FORMAT_OTHER "--format %s: only --screen (text, ansi, html, svg) and --exercise (text, markdown) take " \
	"a format", \
	"--format %s: nur --screen (text, ansi, html, svg) und --exercise (text, markdown) nehmen ein Format"
#define M_CLI_COUNT "--count: expected a number of problems from 1 to 1000, got '%s'", \
	"--count: erwartet ist eine Anzahl von Aufgaben von 1 bis 1000, erhalten: '%s'"
#define M_CLI_EVENTS "--events: expected all, got '%s'", "--events: erwartet ist all, erhalten: '%s'"
#define M_CLI_SCREEN "--screen: expected WxH such as 80x24, got '%s'", "--screen: erwartet ist WxH wie 80x24, erhalten: '%s'"
#define M_CLI_GROUP "--group: expected a number of micro-steps from 0 (never summarise) to 4294967295, got '%s'", \
	"--group: erwartet ist eine Anzahl von Mikroschritten von 0 (nie zusammenfassen) bis 4294967295, " \
	"erhalten: '%s'"
#define M_CLI_KEYS "--keys: expected printable ASCII keys such as 'e' or 'nnp', got '%s'", \
	"--keys: erwartet sind druckbare ASCII-Tasten wie 'e' oder 'nnp', erhalten: '%s'"
#define M_CLI_KEYS_MAX "--keys: at most 64 keys, got '%s'", "--keys: höchstens 64 Tasten, erhalten: '%s'"
#define M_CLI_AT "--at: expected a step number (0 or more), got '%s'", \
	"--at: erwartet ist eine Schrittnummer (0 oder mehr), erhalten: '%s'"
#define M_CLI_BACKEND "--backend: expected ncurses or tickit, got '%s'", \
	"--backend: erwartet ist ncurses oder tickit, erhalten: '%s'"
#define M_CLI_LANG "--lang: expected en or de, got '%s'", "--lang: erwartet ist en oder de, erhalten: '%s'"
#define M_CLI_TOO_MANY "too many arguments", "zu viele Argumente"
#define M_CLI_BATCH_ONE_FILE "--batch takes one FILE (or - for standard input)", \
	"--batch nimmt eine Datei FILE (oder - für die Standardeingabe)"
#define M_CLI_BATCH_OPEN "--batch: cannot read '%s': %s", "--batch: '%s' kann nicht gelesen werden: %s"
#define M_CLI_BATCH_LONG "--batch: %s: line %lu is longer than %u bytes (a command is at most 4096): is this a " \
	"command file?", \
	"--batch: %s: Zeile %lu ist länger als %u Bytes (ein Befehl hat höchstens 4096): ist das eine Befehlsdatei?"
#define M_CLI_BATCH_NUL "--batch: %s: line %lu holds a NUL byte: is this a binary file?", \
	"--batch: %s: Zeile %lu enthält ein NUL-Byte: ist das eine Binärdatei?"
#define M_CLI_BATCH_READ "--batch: %s: cannot read line %lu: %s", "--batch: %s: Zeile %lu kann nicht gelesen werden: %s"
#define M_CLI_STDIN "standard input", "Standardeingabe"
#define M_CLI_OOM "out of memory", "der Speicher des Rechners ist erschöpft"
#define M_CLI_FREE_NO_SCENARIO "--free takes no scenario ('%s')", "--free nimmt kein Szenario ('%s')"
#define M_CLI_ONE_SCENARIO "one scenario at a time ('%s' is extra)", "ein Szenario auf einmal ('%s' ist zu viel)"
#define M_CLI_NOT_TTY_IN "standard input is not a terminal; the TUI needs one for both input and output: use " \
	"--batch for commands from a pipe (or --screen WxH to print a screen)", \
	"die Standardeingabe ist kein Terminal; die Oberfläche braucht eines für Ein- und Ausgabe: verwenden Sie " \
	"--batch für Befehle aus einer Pipe (oder --screen WxH, um einen Bildschirm auszugeben)"
#define M_CLI_NOT_TTY_OUT "standard output is not a terminal; the TUI needs one for both input and output: use " \
	"--batch for commands from a pipe (or --screen WxH to print a screen)", \
	"die Standardausgabe ist kein Terminal; die Oberfläche braucht eines für Ein- und Ausgabe: verwenden Sie " \
	"--batch für Befehle aus einer Pipe (oder --screen WxH, um einen Bildschirm auszugeben)"
#define M_CLI_TERM "the terminal (TERM=%s) cannot draw the TUI; use --batch", \
	"das Terminal (TERM=%s) kann die Oberfläche nicht zeichnen; verwenden Sie --batch"
#define M_CLI_CHECK_NEEDS "--check needs at least one SCENARIO", "--check braucht mindestens ein SCENARIO"
#define M_CLI_SCREEN_ONE "--screen needs one SCENARIO", "--screen braucht genau ein SCENARIO"
#define M_CLI_QUIZ_ONE "--quiz takes one TOPIC", "--quiz nimmt ein Thema TOPIC"
#define M_CLI_QUIZ_EXTRA "--quiz takes one TOPIC ('%s' is extra)", "--quiz nimmt ein Thema TOPIC ('%s' ist zu viel)"
#define M_CLI_EXERCISE_EXTRA "--exercise takes one TOPIC ('%s' is extra)", \
	"--exercise nimmt ein Thema TOPIC ('%s' ist zu viel)"
#define M_CLI_NO_LOAD " (does not load: ", " (lädt nicht: "
#define M_CLI_BUILT_IN "  (built in)", "  (eingebaut)"

/* the ids of the block above */
#define MSG_IDS_CLI(X) \
	X(CLI_TRY_HELP) X(CLI_NEEDS_VALUE) X(CLI_UNKNOWN_OPTION) X(CLI_UNKNOWN_OPTION_HINT) X(CLI_ARCH) X(CLI_OS) \
	X(CLI_PAGEFILES) X(CLI_HISTORY) X(CLI_TLB) X(CLI_FORMAT_SCREEN) X(CLI_FORMAT_EXERCISE) X(CLI_FORMAT_OTHER) \
	X(CLI_COUNT) X(CLI_EVENTS) X(CLI_SCREEN) X(CLI_GROUP) X(CLI_KEYS) X(CLI_KEYS_MAX) X(CLI_AT) X(CLI_BACKEND) \
	X(CLI_LANG) X(CLI_TOO_MANY) X(CLI_BATCH_ONE_FILE) X(CLI_BATCH_OPEN) X(CLI_BATCH_LONG) X(CLI_BATCH_NUL) \
	X(CLI_BATCH_READ) X(CLI_STDIN) X(CLI_OOM) X(CLI_FREE_NO_SCENARIO) X(CLI_ONE_SCENARIO) X(CLI_NOT_TTY_IN) \
	X(CLI_NOT_TTY_OUT) X(CLI_TERM) X(CLI_CHECK_NEEDS) X(CLI_SCREEN_ONE) X(CLI_QUIZ_ONE) X(CLI_QUIZ_EXTRA) \
	X(CLI_EXERCISE_EXTRA) X(CLI_NO_LOAD) X(CLI_BUILT_IN)

/* ---- the TUI's own errors (backends, themes; docs/tui.md): made with
 * mm_fail_tr, shown in the session's language (mm_err_text) ---- */
#define M_ER_OOM "out of memory", "der Speicher des Rechners ist erschöpft"
#define M_ER_NOT_TTY "standard input and output must be a terminal (try --batch or --screen)", \
	"Standardeingabe und -ausgabe müssen ein Terminal sein (versuchen Sie --batch oder --screen)"
#define M_ER_TERM_UNSET "TERM is not set", "TERM ist nicht gesetzt"
#define M_ER_TERM_UNKNOWN "terminal type \"%.40s\" is not in the terminfo database", \
	"der Terminaltyp \"%.40s\" steht nicht in der terminfo-Datenbank"
#define M_ER_TERM_NO_DB "terminal \"%.40s\": no terminfo database, or a hardcopy terminal", \
	"Terminal \"%.40s\": keine terminfo-Datenbank, oder ein Druckterminal"
#define M_ER_TERM_LACKS "terminal \"%.40s\" lacks the \"%s\" capability: a full-screen terminal is needed " \
	"(try TERM=xterm-256color, or --screen)", \
	"dem Terminal \"%.40s\" fehlt die Fähigkeit \"%s\": nötig ist ein Vollbild-Terminal " \
	"(versuchen Sie TERM=xterm-256color oder --screen)"
#define M_ER_NC_OPEN "the ncurses backend is already open", "das ncurses-Backend ist bereits geöffnet"
#define M_ER_NC_START "ncurses cannot start on this terminal", "ncurses kann auf diesem Terminal nicht starten"
#define M_ER_TK_START "libtickit cannot start on this terminal", "libtickit kann auf diesem Terminal nicht starten"
#define M_ER_SCRIPT_LINE "headless script line %d: cannot read \"%.60s\"", \
	"Zeile %d des Headless-Skripts: \"%.60s\" ist nicht lesbar"
#define M_ER_TH_PARSE "%s:%d:%d: %s%s%s%s%s", "%s:%d:%d: %s%s%s%s%s"
#define M_ER_TH_EXPECTED "; expected ", "; erwartet: "
#define M_ER_TH_TOO_BIG "%s: %zu bytes: a theme is at most 1 MiB", "%s: %zu Bytes: ein Farbthema hat höchstens 1 MiB"
#define M_ER_TH_FILE_TOO_BIG "%s: %lld bytes: a theme is at most 1 MiB", \
	"%s: %lld Bytes: ein Farbthema hat höchstens 1 MiB"
#define M_ER_TH_OOM "%s: out of memory", "%s: der Speicher des Rechners ist erschöpft"
#define M_ER_TH_ERRNO "%s: %s", "%s: %s"
#define M_ER_TH_NOT_REGULAR "%s: not a regular file", "%s: keine reguläre Datei"
#define M_ER_TH_CHANGED "%s: changed while being read", "%s: wurde beim Lesen verändert"
#define M_ER_TH_READ "%s: read error", "%s: Lesefehler"
#define M_ER_TH_NEAR "unknown theme \"%s\"; did you mean %s?", "unbekanntes Farbthema \"%s\"; meinten Sie %s?"
#define M_ER_TH_UNKNOWN "unknown theme \"%s\": not in ./themes, $XDG_DATA_HOME/mmviz/themes or %s/themes, " \
	"and not built in (default, mono)", \
	"unbekanntes Farbthema \"%s\": weder in ./themes, $XDG_DATA_HOME/mmviz/themes oder %s/themes noch " \
	"eingebaut (default, mono)"
#define MSG_IDS_ER(X) X(ER_OOM) X(ER_NOT_TTY) X(ER_TERM_UNSET) X(ER_TERM_UNKNOWN) X(ER_TERM_NO_DB) X(ER_TERM_LACKS) \
	X(ER_NC_OPEN) X(ER_NC_START) X(ER_TK_START) X(ER_SCRIPT_LINE) X(ER_TH_PARSE) X(ER_TH_EXPECTED) \
	X(ER_TH_TOO_BIG) X(ER_TH_FILE_TOO_BIG) X(ER_TH_OOM) X(ER_TH_ERRNO) X(ER_TH_NOT_REGULAR) X(ER_TH_CHANGED) \
	X(ER_TH_READ) X(ER_TH_NEAR) X(ER_TH_UNKNOWN)

#define MSG_IDS(X)                                                                                                  \
	X(ST_START_STEPS) X(ST_START) X(ST_CMD) X(ST_CMD_AT) X(ST_PART) X(ST_MICRO) X(ST_STEP) X(ST_READING)         \
	X(ST_PLAYING) X(ST_PAUSED) X(ST_FREE_PLAY) X(ST_RUNNING_LINE) X(ST_RUNNING_N) X(ST_RUNNING_AHEAD) X(ST_RUNNING) X(ST_ERROR_IN)   \
	X(ST_NO_SUMMARY) X(ST_NOT_KEPT) X(ST_END_SCN) X(ST_END) X(ST_NOTE)                                          \
	X(PK_ZOOM_IN) X(PK_SELECT) X(PK_PREV_NEXT) X(PK_FORGET)                         \
	X(SCR_BACK) X(SCR_RANGE) X(NO_PROCESS)                                                                      \
	X(PF_TITLE) X(PF_COUNT_ONE) X(PF_COUNT) X(PF_HEAD) X(PF_USED) X(PF_NONE)                                    \
	X(POOL_TITLE) X(POOL_SUM_ONE) X(POOL_SUM) X(POOL_HEAD) X(POOL_NONE) X(POOL_CORRUPT_ONE) X(POOL_CORRUPT)     \
	X(POOL_FOOT)                                                                                                \
	X(PROCS_TITLE) X(PROCS_SUM_ONE) X(PROCS_SUM) X(PROCS_HEAD) X(PROCS_NONE) X(PROCS_FOOT)                      \
	X(WSET_TITLE) X(WSET_SUM) X(WSET_HEAD) X(WSET_LOCKED) X(WSET_TABLE) X(WSET_FOOT)                            \
	X(VAD_TITLE) X(VAD_SUM) X(VAD_HEAD)                                                                         \
	X(SEC_TITLE) X(SEC_SUM_ONE) X(SEC_SUM) X(SEC_PF_BACKED) X(SEC_CA) X(SEC_HEAD) X(SEC_NONE)                   \
	X(VAS_THREAD_STACK) X(VAS_SHARED_DATA) X(VAS_RESERVED) X(VAS_TOTAL) X(VAS_REGIONS_AGAIN) X(VAS_SUMMARY_TITLE) X(VAS_TITLE) X(VAS_ZOOM_TITLE) X(MAP_CELL_ONE) X(MAP_CELL) X(MAP_IN_PLAY) X(MAP_PAGES_OF) X(MAP_PER_CELL_ONE) X(MAP_PER_CELL) X(MAP_FREE) X(MAP_RESERVED) X(MAP_COMMITTED) \
	X(PHYS_TITLE) X(PHYS_TITLE_SHORT) X(PHYS_CELL_ONE) X(PHYS_CELL_DOM) X(PHYS_CELL_DOM_USE) X(PHYS_BY_USE) X(PHYS_TITLE_SHORT_USE) X(ST_QUESTION) X(PHYS_CELL) X(PHYS_CELL_SHORT)         \
	X(PHYS_CLICK) X(PHYS_CLICK_SHORT) X(PHYS_ZEROED) X(PHYS_FREE) X(PHYS_STANDBY) X(PHYS_MODIFIED)              \
	X(PHYS_MOD_NOWRITE) X(PHYS_BAD) X(PHYS_ACTIVE) X(PHYS_TRANSITION)                                             \
	X(XL_TITLE) X(XL_TITLE_ANIM) X(XL_OFFSET) X(XL_PID) X(XL_DECODED) X(XL_DECODED0) X(XL_TLB_HIT_WORD)                   \
	X(XL_TLB_MISS_WORD) X(XL_TLB_LOOKUP) X(XL_TLB_HIT) X(XL_TLB_FILLED) X(XL_TLB_FILLED_SHORT) X(XL_RETRY) X(XL_NOT_READ_TLB)          \
	X(XL_CACHED_TABLE) X(XL_CACHED) X(XL_IN_FAULT) X(XL_FAULTS) X(XL_PA) X(XL_NONCANONICAL) X(XL_TLB_HOLDS)     \
	X(XL_TLB_NOT) X(XL_NOT_VALID) X(XL_NO_VA) X(XL_TRY)                                                          \
	X(PTE_ZERO) X(PTE_VALID) X(PTE_WRITE) X(PTE_USER) X(PTE_WRITE_THROUGH) X(PTE_ACCESSED) X(PTE_DIRTY) X(PTE_GLOBAL) X(PTE_COPY_ON_WRITE) \
	X(PTE_NO_EXECUTE) X(PTE_PROTOTYPE) X(ACC_READ) X(ACC_WRITE) X(ACC_EXECUTE) X(PTE_CACHE_DISABLE) X(PTE_LARGE) X(PTE_PROTECTION)       \
	X(PTE_PAGEFILE)                                                                                             \
	X(NA_START_HINT) X(NA_FREE_PLAY) X(NA_FREE_TEXT) X(NA_VALID) X(NA_NOT_VALID) X(NA_AT) X(NA_E_CLOSE)         \
	X(NA_E_OPEN) X(NA_PART) X(NA_MICRO) X(NA_ERROR) X(NA_ABOUT) X(NA_FREE_TITLE_ONE) X(NA_FREE_TITLE)           \
	X(NA_TYPED) X(NA_STEP) X(NA_STEPS)                                                                          \
	X(LO_NEED) X(LO_NEED_SHORT) X(LO_HAVE) X(LO_HAVE_SHORT) X(LO_HINT) X(LO_HINT_SHORT) X(CL_NO_COMPLETION) \
	X(QZ_BAD_TOPIC) X(QZ_SETUP_SAY) X(QZ_TITLE) X(QZ_STEP_SAY) X(QZ_PROMPT) X(QZ_TOO_LONG) X(QZ_SCREEN_TITLE) X(QZ_HOW) \
	X(QZ_NEXT) X(QZ_END) X(QZ_DONE) X(QZ_STATUS) X(QZ_RETRY) X(QZ_SCORE) \
	X(PL_TITLE_NONE) X(PL_NONE) X(PL_TITLE) X(PL_REFS) X(PL_FAULTS) X(PL_FOOT) X(PL_FOOT_ROW) MSG_IDS_PANES(X) \
	X(PFN_HEAD) X(PFN_SHARE_COUNT) X(PFN_REF_COUNT) X(PFN_PTE) X(PFN_OWNER_PID) X(PFN_DIRTY) X(PFN_ORIGINAL)       \
	X(PFN_USE_PRIVATE) X(PFN_USE_PAGE_TABLE) X(PFN_USE_SYSTEM) X(PFN_USE_SHARED_USER_DATA) X(PFN_USE_MAPPED_FILE) \
	X(PFN_USE_IMAGE) X(PFN_USE_PAGED_POOL) X(PFN_USE_NONPAGED_POOL) X(PFN_USE_SHAREABLE) \
	X(KH_TITLE) X(KH_ESC_BACK) X(KH_FOCUSED) X(KH_FOCUSED_FOLD) X(KH_MOUSE) \
	MSG_IDS_TUI7(X) MSG_IDS_CLI(X) MSG_IDS_ER(X)

enum msg_id {
#define MSG_ENUM_(id) MSG_##id,
	MSG_IDS(MSG_ENUM_)
#undef MSG_ENUM_
	MSG_COUNT
};

/* The message in the language (0 English, else German), as two literals. */
#define MSG(lang, id) MSG_PICK_((lang), M_##id)
#define MSG_PICK_(lang, pair) MSG_PICK2_(lang, pair)
#define MSG_PICK2_(lang, en, de) ((lang) ? (de) : (en))
/* One language, for static tables. */
#define MSG_EN(id) MSG_FIRST_(M_##id)
#define MSG_DE(id) MSG_SECOND_(M_##id)
#define MSG_FIRST_(pair) MSG_FIRST2_(pair)
#define MSG_FIRST2_(en, de) en
#define MSG_SECOND_(pair) MSG_SECOND2_(pair)
#define MSG_SECOND2_(en, de) de

/* The message id in lang (0 English, 1 German), by table; "" for an id out
 * of range.  For tests and for code that picks a message at run time. */
const char *msg_text(int lang, enum msg_id id);
/* The id's name ("PF_TITLE"), for test failures. */
const char *msg_name(enum msg_id id);

#endif
