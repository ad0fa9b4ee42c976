/*
 * scnmsg.h — the scenario layer's message catalogue: what the strict JSON
 * reader (jsonfile.c) and the scenario loader (scenario.c) say about a
 * file they refuse, in English and German side by side.
 *
 * Design. The reader scans a scenario's or a theme's file where no
 * session and no language is known, so a refusal carries both texts
 * (struct jf_err what / what_de, expected / expected_de; struct scn_err
 * msg / msg_de) and the program shows the one of its language
 * (jf_err_what, scn_err_text). Built as every layer's catalogue is
 * (core/base/msgcat.h): one line per message, `#define SM_<ID> "English",
 * "German"`, the id in SCNMSG_IDS; a message with a printf conversion is
 * formatted from one argument list into both (jsonfile.c jv_fail). An
 * SM_X_ text says what was expected at the place, its SM_ partner what
 * was found there. The walk's own words (jsonwalk.c: "unknown key",
 * "wrong type", "missing key") are here too; what a loader says it
 * expects at a place ("a list of at most 32 tags") is the loader's, and
 * English in both languages for now (docs/scenarios.md SCN-ERRORS).
 *
 * Invariants (tests/unit/38_i18n.c, msgcat.h's):
 *  1. Every message has an English and a German text, they differ, and
 *     the German one has the English one's conversions in the same order.
 *  2. The German follows docs/glossary.md: "Sie", no GLO-FORBIDDEN word.
 *  3. JSON's own words stay as JSON writes them: true, false, null,
 *     \uXXXX, the characters quoted ('"', ',', '}').
 *  4. No jv_fail in jsonfile.c, no jw_fail in jsonwalk.c takes a plain
 *     literal (38_i18n).
 */
#ifndef MM_SCNMSG_H
#define MM_SCNMSG_H

#include "base/msgcat.h"

/* ---- the strict scan (jsonfile.c, pass 1): found ... expected ---- */
#define SM_EOF "unexpected end of file", "unerwartetes Dateiende"
#define SM_NUL "NUL byte (is this a binary file?)", "NUL-Byte (ist das eine Binärdatei?)"
#define SM_COMMENT "'/': comments are not allowed in JSON", "'/': Kommentare sind in JSON nicht erlaubt"
#define SM_SINGLE_QUOTE "single quote: JSON strings use double quotes", \
	"einfaches Anführungszeichen: JSON-Zeichenketten stehen in doppelten Anführungszeichen"
#define SM_CONTROL "control character 0x%02x", "Steuerzeichen 0x%02x"
#define SM_NON_ASCII "non-ASCII character outside a string", "Nicht-ASCII-Zeichen außerhalb einer Zeichenkette"
#define SM_BAD_UTF8 "invalid UTF-8 byte 0x%02x", "ungültiges UTF-8-Byte 0x%02x"
#define SM_UNEXPECTED "unexpected '%c'", "unerwartetes Zeichen '%c'"
#define SM_X_UTF8 "UTF-8 text", "UTF-8-Text"
#define SM_X_ESCAPE_CLOSE "an escape and '\"' to close the string", \
	"eine Escape-Folge und '\"', das die Zeichenkette schließt"
#define SM_ESCAPE_UNKNOWN "unknown escape '\\%c'", "unbekannte Escape-Folge '\\%c'"
#define SM_X_ESCAPE "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", "eine von \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
#define SM_U_MALFORMED "malformed \\u escape", "fehlerhafte \\u-Escape-Folge"
#define SM_X_U4 "\\u and 4 hex digits", "\\u und 4 Hexadezimalziffern"
#define SM_U_NUL "\\u0000 (a NUL character)", "\\u0000 (ein NUL-Zeichen)"
#define SM_X_NO_NUL "text without NUL characters", "Text ohne NUL-Zeichen"
#define SM_LOW_ALONE "unpaired low surrogate \\u%04lx", "Low-Surrogat \\u%04lx ohne High-Surrogat"
#define SM_X_HIGH_BEFORE "a high surrogate \\uD800-\\uDBFF before it", "ein High-Surrogat \\uD800-\\uDBFF davor"
#define SM_HIGH_ALONE "unpaired high surrogate \\u%04lx", "High-Surrogat \\u%04lx ohne Low-Surrogat"
#define SM_X_LOW_AFTER "a low surrogate \\uDC00-\\uDFFF after it", "ein Low-Surrogat \\uDC00-\\uDFFF danach"
#define SM_UNTERMINATED "unterminated string", "nicht geschlossene Zeichenkette"
#define SM_X_CLOSE "'\"' to close the string", "'\"', das die Zeichenkette schließt"
#define SM_STRING_LONG "string too long", "Zeichenkette zu lang"
#define SM_X_KEY_MAX "a key of at most 128 bytes", "ein Schlüssel von höchstens 128 Bytes"
#define SM_X_STRING_MAX "a string of at most 64 KiB", "eine Zeichenkette von höchstens 64 KiB"
#define SM_LINE_BREAK "line break inside a string (missing closing quote?)", \
	"Zeilenumbruch in einer Zeichenkette (fehlt das schließende Anführungszeichen?)"
#define SM_X_CLOSE_OR_N "'\"' to close the string, or \\n for a line break", \
	"'\"', das die Zeichenkette schließt, oder \\n für einen Zeilenumbruch"
#define SM_STRING_CONTROL "control character 0x%02x inside a string", "Steuerzeichen 0x%02x in einer Zeichenkette"
#define SM_X_ESCAPE_SUCH "an escape such as \\t or \\u001b", "eine Escape-Folge wie \\t oder \\u001b"
#define SM_NO_DIGIT "no digit after %s", "keine Ziffer nach %s"
#define SM_X_DIGIT "a digit", "eine Ziffer"
#define SM_AFTER_MINUS "'-'", "dem '-'"
#define SM_AFTER_POINT "'.'", "dem '.'"
#define SM_AFTER_EXPONENT "the exponent", "dem Exponenten"
#define SM_HEX_NUMBER "hex number outside a string", "Hexadezimalzahl außerhalb einer Zeichenkette"
#define SM_X_DECIMAL "a decimal number, or the hex number as a string: \"0x1000\"", \
	"eine Dezimalzahl, oder die Hexadezimalzahl als Zeichenkette: \"0x1000\""
#define SM_LEADING_ZERO "leading zero", "führende Null"
#define SM_X_NO_LEADING_ZERO "a number without leading zeros", "eine Zahl ohne führende Nullen"
#define SM_UNIT "a number with a unit must be written as a string", \
	"eine Zahl mit Einheit ist als Zeichenkette zu schreiben"
#define SM_X_UNIT "a number, or a string such as \"16M\"", "eine Zahl oder eine Zeichenkette wie \"16M\""
#define SM_NUMBER_LONG "number too long", "Zahl zu lang"
#define SM_X_NUMBER_MAX "a number of at most 63 characters", "eine Zahl von höchstens 63 Zeichen"
#define SM_NUMBER_RANGE "number out of range", "Zahl außerhalb des Wertebereichs"
#define SM_X_DOUBLE "a number within the range of a double", "eine Zahl im Wertebereich eines double"
#define SM_WORD "unquoted word '%.*s'", "Wort ohne Anführungszeichen '%.*s'"
#define SM_X_WORD "a string in double quotes, a number, true, false or null", \
	"eine Zeichenkette in doppelten Anführungszeichen, eine Zahl, true, false oder null"
#define SM_DEEP "nested too deeply", "zu tief verschachtelt"
#define SM_X_DEPTH "at most 32 levels of nested objects and lists", \
	"höchstens 32 Ebenen verschachtelter Objekte und Listen"
#define SM_COMMA_OBJECT "trailing comma before '}'", "Komma vor '}'"
#define SM_X_MEMBER_AFTER "another \"key\": value after ','", "ein weiteres \"Schlüssel\": Wert nach ','"
#define SM_KEY_QUOTES "key without quotes", "Schlüssel ohne Anführungszeichen"
#define SM_X_KEY_QUOTED "\"key\" in double quotes", "\"Schlüssel\" in doppelten Anführungszeichen"
#define SM_X_KEY "a \"key\" in double quotes", "ein \"Schlüssel\" in doppelten Anführungszeichen"
#define SM_X_COLON "':' after the key", "':' nach dem Schlüssel"
#define SM_COMMA_LIST "trailing comma before ']'", "Komma vor ']'"
#define SM_X_VALUE_AFTER "another value after ','", "ein weiterer Wert nach ','"
#define SM_X_COMMA_OBJECT "',' or '}'", "',' oder '}'"
#define SM_X_COMMA_LIST "',' or ']'", "',' oder ']'"
#define SM_TOO_MANY "too many values", "zu viele Werte"
#define SM_X_VALUES_MAX "at most 2,000,000 values in one file", "höchstens 2.000.000 Werte in einer Datei"
#define SM_X_VALUE "a value", "ein Wert"
#define SM_X_ANY_VALUE "a value (object, list, string, number, true, false or null)", \
	"ein Wert (Objekt, Liste, Zeichenkette, Zahl, true, false oder null)"
#define SM_OOM "out of memory", "der Speicher des Rechners ist erschöpft"
#define SM_EMPTY "empty file", "leere Datei"
#define SM_X_OBJECT "a JSON object", "ein JSON-Objekt"
#define SM_AFTER_END "text after the end of the document", "Text nach dem Ende des Dokuments"
#define SM_X_END "end of file (one JSON object per file)", "Dateiende (ein JSON-Objekt je Datei)"
#define SM_CANNOT_PARSE "cannot parse (out of memory?)", "nicht zu lesen (der Speicher erschöpft?)"
#define SM_X_JSON "valid JSON", "gültiges JSON"

/* ---- the typed walk's own words (jsonwalk.c): a valid file's wrong keys
 * and values; what a loader expects there is the loader's (English) ---- */
#define SM_W_WRONG_TYPE "wrong type: got %s", "falscher Typ: %s"
#define SM_W_THE_STRING "the string \"%s\"", "die Zeichenkette \"%s\""
#define SM_W_THE_NUMBER "the number %.17g", "die Zahl %.17g"
#define SM_W_A_LIST "a list", "eine Liste"
#define SM_W_AN_OBJECT "an object", "ein Objekt"
#define SM_W_OR " or ", " oder "
#define SM_W_UNKNOWN_KEY_IN "unknown key \"%s\": expected %s", "unbekannter Schlüssel \"%s\": erwartet ist %s"
#define SM_W_UNKNOWN_KEY "unknown key \"%s\"", "unbekannter Schlüssel \"%s\""
#define SM_W_X_CASE "\"%s\" (keys are case-sensitive; known keys: %s)", \
	"\"%s\" (Groß- und Kleinschreibung zählen; bekannte Schlüssel: %s)"
#define SM_W_X_ONE_OF "one of %s", "einer von %s"
#define SM_W_DUPLICATE "duplicate key", "doppelter Schlüssel"
#define SM_W_TWICE "key \"%s\" given twice", "Schlüssel \"%s\" zweimal angegeben"
#define SM_W_X_ONCE "each key once", "jeder Schlüssel einmal"
#define SM_W_X_OBJECT_KEYS "an object with keys %s", "ein Objekt mit den Schlüsseln %s"
#define SM_W_MISSING "missing key \"%s\"", "der Schlüssel \"%s\" fehlt"
#define SM_W_X_KEY "a \"%s\" key", "ein Schlüssel \"%s\""
#define SM_W_EMPTY_STRING "empty string", "leere Zeichenkette"
#define SM_W_STRING_LONG "string of %zu bytes is too long (at most %zu)", \
	"die Zeichenkette ist mit %zu Bytes zu lang (höchstens %zu)"
#define SM_W_CONTROL "control character in a name or command", "Steuerzeichen in einem Namen oder Befehl"
#define SM_W_X_BOOL "true or false", "true oder false"
#define SM_W_NOT_WHOLE "%.17g is not a whole number from 0 to 2^53", "%.17g ist keine ganze Zahl von 0 bis 2^53"
#define SM_W_NOT_NUMBER "\"%s\" is not a number", "\"%s\" ist keine Zahl"
#define SM_W_MORE_THAN "more than %d elements", "mehr als %d Elemente"
#define SM_W_TOO_FEW "too few elements (%d)", "zu wenige Elemente (%d)"
#define SM_W_EMPTY_LIST "empty list", "leere Liste"

/* ---- the scenario loader's frame and its file (scenario.c) ---- */
#define SM_TOP_LEVEL "(top level)", "(oberste Ebene)"
#define SM_EXPECTED "; expected ", "; erwartet: "
#define SM_TOO_LARGE "too large", "zu groß"
#define SM_X_FILE_MAX "at most 16 MiB", "höchstens 16 MiB"
#define SM_CANNOT_OPEN "cannot open: %s", "nicht zu öffnen: %s"
#define SM_CANNOT_STAT "cannot stat: %s", "fstat schlug fehl: %s"
#define SM_NOT_REGULAR "not a regular file", "keine reguläre Datei"
#define SM_X_SCENARIO_FILE "a scenario file (.json)", "eine Szenariodatei (.json)"
#define SM_FILE_TOO_LARGE "file of %lld bytes is too large", "die Datei ist mit %lld Bytes zu groß"
#define SM_CANNOT_READ "cannot read: %s", "nicht zu lesen: %s"
#define SM_CHANGED "file changed while reading", "die Datei wurde beim Lesen verändert"
#define SM_NO_SCENARIO "no such scenario", "kein solches Szenario"
#define SM_NO_SCENARIO_NEAR "no such scenario; did you mean %s?", "kein solches Szenario; meinten Sie %s?"
#define SM_X_SCENARIO_IN "a file, or NAME.json in ", "eine Datei, oder NAME.json in "
#define SM_X_SCENARIO_BUILTIN "or a built-in name (tour)", "oder einen eingebauten Namen (tour)"

#define SCNMSG_IDS(X) \
	X(EOF) X(NUL) X(COMMENT) X(SINGLE_QUOTE) X(CONTROL) X(NON_ASCII) X(BAD_UTF8) X(UNEXPECTED) X(X_UTF8) \
	X(X_ESCAPE_CLOSE) X(ESCAPE_UNKNOWN) X(X_ESCAPE) X(U_MALFORMED) X(X_U4) X(U_NUL) X(X_NO_NUL) X(LOW_ALONE) \
	X(X_HIGH_BEFORE) X(HIGH_ALONE) X(X_LOW_AFTER) X(UNTERMINATED) X(X_CLOSE) X(STRING_LONG) X(X_KEY_MAX) \
	X(X_STRING_MAX) X(LINE_BREAK) X(X_CLOSE_OR_N) X(STRING_CONTROL) X(X_ESCAPE_SUCH) X(NO_DIGIT) X(X_DIGIT) \
	X(AFTER_MINUS) X(AFTER_POINT) X(AFTER_EXPONENT) X(HEX_NUMBER) X(X_DECIMAL) X(LEADING_ZERO) \
	X(X_NO_LEADING_ZERO) X(UNIT) X(X_UNIT) X(NUMBER_LONG) X(X_NUMBER_MAX) X(NUMBER_RANGE) X(X_DOUBLE) X(WORD) \
	X(X_WORD) X(DEEP) X(X_DEPTH) X(COMMA_OBJECT) X(X_MEMBER_AFTER) X(KEY_QUOTES) X(X_KEY_QUOTED) X(X_KEY) \
	X(X_COLON) X(COMMA_LIST) X(X_VALUE_AFTER) X(X_COMMA_OBJECT) X(X_COMMA_LIST) X(TOO_MANY) X(X_VALUES_MAX) \
	X(X_VALUE) X(X_ANY_VALUE) X(OOM) X(EMPTY) X(X_OBJECT) X(AFTER_END) X(X_END) X(CANNOT_PARSE) X(X_JSON) \
	X(TOP_LEVEL) X(EXPECTED) X(TOO_LARGE) X(X_FILE_MAX) X(CANNOT_OPEN) X(CANNOT_STAT) X(NOT_REGULAR) \
	X(X_SCENARIO_FILE) X(FILE_TOO_LARGE) X(CANNOT_READ) X(CHANGED) X(NO_SCENARIO) X(NO_SCENARIO_NEAR) \
	X(X_SCENARIO_IN) X(X_SCENARIO_BUILTIN) \
	X(W_WRONG_TYPE) X(W_THE_STRING) X(W_THE_NUMBER) X(W_A_LIST) X(W_AN_OBJECT) X(W_OR) X(W_UNKNOWN_KEY_IN) \
	X(W_UNKNOWN_KEY) X(W_X_CASE) X(W_X_ONE_OF) X(W_DUPLICATE) X(W_TWICE) X(W_X_ONCE) X(W_X_OBJECT_KEYS) \
	X(W_MISSING) X(W_X_KEY) X(W_EMPTY_STRING) X(W_STRING_LONG) X(W_CONTROL) X(W_X_BOOL) X(W_NOT_WHOLE) \
	X(W_NOT_NUMBER) X(W_MORE_THAN) X(W_TOO_FEW) X(W_EMPTY_LIST)

enum scnmsg_id {
#define SCNMSG_ENUM_(id) SCNMSG_##id,
	SCNMSG_IDS(SCNMSG_ENUM_)
#undef SCNMSG_ENUM_
	SCNMSG_COUNT
};

/* A message in language lang, as a string literal. */
#define SM(lang, ID) MSGCAT_PICK(lang, SM_##ID)

extern const struct msgcat scnmsg_cat;

#endif
