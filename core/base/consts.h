/*
 * consts.h — Win32 and NT constants as data: the PAGE_/MEM_/SEC_/FILE_MAP_/
 * HEAP_ flags and pool types (with name tables for lex_flags), the 5-bit
 * protection code of the memory manager and its conversions (docs/reference.md
 * R-PROT-CODE, R-WIN32-CONSTS), and the NTSTATUS table with the Win32 error RtlNtStatusToDosError
 * gives for each (R-FAULT-STATUS, R-VALLOC, R-VFREE, R-VPROTECT).
 *
 * Everything here is constant: tables have static storage and every
 * returned string is a literal or the caller's buffer.
 */
#ifndef MM_CONSTS_H
#define MM_CONSTS_H

#include "types.h"

/* One flag name and its value: the name tables below, which the command
 * language's flag parser (lex_flags) and the flag printer share. */
struct consts_flag {
	const char *name;
	uint32_t value;
};

/* ---- Win32 constants (winnt.h values) ---- */

#define PAGE_NOACCESS 0x01u
#define PAGE_READONLY 0x02u
#define PAGE_READWRITE 0x04u
#define PAGE_WRITECOPY 0x08u
#define PAGE_EXECUTE 0x10u
#define PAGE_EXECUTE_READ 0x20u
#define PAGE_EXECUTE_READWRITE 0x40u
#define PAGE_EXECUTE_WRITECOPY 0x80u
#define PAGE_GUARD 0x100u
#define PAGE_NOCACHE 0x200u
#define PAGE_WRITECOMBINE 0x400u

#define MEM_COMMIT 0x1000u
#define MEM_RESERVE 0x2000u
#define MEM_DECOMMIT 0x4000u
#define MEM_RELEASE 0x8000u
#define MEM_FREE 0x10000u
#define MEM_PRIVATE 0x20000u
#define MEM_MAPPED 0x40000u
#define MEM_RESET 0x80000u
#define MEM_TOP_DOWN 0x100000u
#define MEM_WRITE_WATCH 0x200000u
#define MEM_PHYSICAL 0x400000u
#define MEM_RESET_UNDO 0x1000000u   /* Win8+; same value as MEM_IMAGE */
#define MEM_IMAGE 0x1000000u
#define MEM_LARGE_PAGES 0x20000000u

#define SEC_BASED 0x200000u
#define SEC_NO_CHANGE 0x400000u
#define SEC_FILE 0x800000u
#define SEC_IMAGE 0x1000000u
#define SEC_RESERVE 0x4000000u
#define SEC_COMMIT 0x8000000u
#define SEC_NOCACHE 0x10000000u
#define SEC_LARGE_PAGES 0x80000000u

#define FILE_MAP_COPY 0x1u
#define FILE_MAP_WRITE 0x2u
#define FILE_MAP_READ 0x4u
#define FILE_MAP_EXECUTE 0x20u
#define FILE_MAP_ALL_ACCESS 0xF001Fu

#define HEAP_NO_SERIALIZE 0x1u
#define HEAP_GENERATE_EXCEPTIONS 0x4u
#define HEAP_ZERO_MEMORY 0x8u

/* kernel32's LocalAlloc and GlobalAlloc flags (winbase.h). */
#define LMEM_FIXED 0x0u
#define LMEM_MOVEABLE 0x2u
#define LMEM_NOCOMPACT 0x10u
#define LMEM_NODISCARD 0x20u
#define LMEM_ZEROINIT 0x40u
#define LMEM_MODIFY 0x80u
#define LMEM_DISCARDABLE 0xF00u
#define LMEM_VALID_FLAGS 0xF72u
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define GMEM_FIXED 0x0u
#define GMEM_MOVEABLE 0x2u
#define GMEM_NOCOMPACT 0x10u
#define GMEM_NODISCARD 0x20u
#define GMEM_ZEROINIT 0x40u
#define GMEM_MODIFY 0x80u
#define GMEM_DISCARDABLE 0x100u
#define GMEM_NOT_BANKED 0x1000u
#define GMEM_SHARE 0x2000u
#define GMEM_DDESHARE 0x2000u
#define GMEM_NOTIFY 0x4000u
#define GMEM_VALID_FLAGS 0x7F72u
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)

#define MM_POOL_NONPAGED 0u            /* NonPagedPool */
#define MM_POOL_PAGED 1u               /* PagedPool */

/* Name tables for lex_flags and consts_flags_str. Where two names share a
 * value (MEM_IMAGE / MEM_RESET_UNDO) the one listed first is printed. */
extern const struct consts_flag consts_page[];      /* PAGE_*      */
extern const size_t consts_page_n;
extern const struct consts_flag consts_mem[];       /* MEM_*       */
extern const size_t consts_mem_n;
extern const struct consts_flag consts_sec[];       /* SEC_*       */
extern const size_t consts_sec_n;
extern const struct consts_flag consts_file_map[];  /* FILE_MAP_*  */
extern const size_t consts_file_map_n;
extern const struct consts_flag consts_heap[];      /* HEAP_*      */
extern const size_t consts_heap_n;
extern const struct consts_flag consts_lmem[];      /* LMEM_*, LPTR, LHND */
extern const size_t consts_lmem_n;
extern const struct consts_flag consts_gmem[];      /* GMEM_*, GPTR, GHND */
extern const size_t consts_gmem_n;
extern const struct consts_flag consts_pool[];      /* NonPagedPool, PagedPool */
extern const size_t consts_pool_n;

/* value as "NAME|NAME|0x..." using table (bits no name covers come last in
 * hex); "0" for 0. Always NUL-terminates buf (truncating if n is small).
 * Returns buf. */
const char *consts_flags_str(const struct consts_flag *table, size_t count, uint32_t value,
	char *buf, size_t n);

/* ---- the 5-bit protection code (WRK mm/mi.h) ---- */

#define MM_ZERO_ACCESS 0
#define MM_READONLY 1
#define MM_EXECUTE 2
#define MM_EXECUTE_READ 3
#define MM_READWRITE 4
#define MM_WRITECOPY 5
#define MM_EXECUTE_READWRITE 6
#define MM_EXECUTE_WRITECOPY 7
#define MM_NOCACHE 0x08
#define MM_GUARD_PAGE 0x10
#define MM_WRITECOMBINE 0x18            /* NOCACHE|GUARD, with a nonzero low part */
#define MM_DECOMMIT 0x10                /* guard + no access */
#define MM_NOACCESS 0x18                /* write-combine + no access */
#define MM_PROTECTION_WRITE_MASK 4
#define MM_PROTECTION_COPY_MASK 1
#define MM_PROTECTION_EXECUTE_MASK 2
#define MM_PROTECTION_OPERATION_MASK 7
#define MM_COPY_ON_WRITE_MASK 5

/* Predicates on a code 0..31 (p is evaluated more than once). GUARD and
 * NOCACHE test the modifier bits only, as WRK's MI_IS_GUARD/MI_IS_NOCACHE
 * do: MM_PROT_IS_GUARD(MM_DECOMMIT) is true; callers test MM_DECOMMIT first. */
#define MM_PROT_IS_WRITABLE(p) (((p) & MM_PROTECTION_WRITE_MASK) != 0)
#define MM_PROT_IS_COPY_ON_WRITE(p) (((p) & MM_COPY_ON_WRITE_MASK) == MM_COPY_ON_WRITE_MASK)
#define MM_PROT_IS_EXECUTE(p) (((p) & MM_PROTECTION_EXECUTE_MASK) != 0)
#define MM_PROT_IS_GUARD(p) (((p) >> 3) == (MM_GUARD_PAGE >> 3))
#define MM_PROT_IS_NOCACHE(p) (((p) >> 3) == (MM_NOCACHE >> 3))
#define MM_PROT_IS_WRITECOMBINE(p) (((p) >> 3) == (MM_WRITECOMBINE >> 3) && ((p) & 7) != 0)

/* Win32 PAGE_* -> MM code, exactly as MiMakeProtectionMask. Returns 0..31,
 * or -1 with err code "STATUS_INVALID_PAGE_PROTECTION" (arg = argi) and a
 * message naming the rule that was broken. */
int mm_prot_from_win32(uint32_t page, struct mm_err *err, int argi);

/* MM code -> Win32 PAGE_* (MmProtectToValue); 0 for a code outside 0..31. */
uint32_t mm_prot_to_win32(int mmprot);

/* "PAGE_READWRITE|PAGE_GUARD", "0" for 0, unknown bits in hex. Returns buf. */
const char *mm_prot_win32_str(uint32_t page, char *buf, size_t n);

/* "MM_READWRITE", "MM_EXECUTE_READ|MM_GUARD_PAGE", "MM_NOACCESS",
 * "MM_DECOMMIT", "MM_ZERO_ACCESS"; "MM_INVALID_PROTECTION" outside 0..31. */
const char *mm_prot_mm_str(int mmprot);

/* MiAccessCheck's MmReadWrite test: may the access (is_write 0 = read or
 * execute, 1 = write) proceed under mmprot? Guard pages, copy-on-write
 * and execute permission are decided elsewhere; false outside 0..31. */
bool mm_prot_allows(int mmprot, int is_write);

/* MmMakeProtectNotWriteCopy: WRITECOPY -> READWRITE, EXECUTE_WRITECOPY ->
 * EXECUTE_READWRITE (modifiers kept), the four zero-access codes ->
 * MM_NOACCESS; identity otherwise. MM_NOACCESS outside 0..31. */
int mm_prot_not_write_copy(int mmprot);

/* ---- NTSTATUS and the Win32 error it becomes ---- */

struct mm_status {
	const char *name;        /* "STATUS_CONFLICTING_ADDRESSES" */
	uint32_t ntstatus;       /* 0xC0000018 */
	const char *win32;       /* "ERROR_INVALID_ADDRESS" */
	uint32_t win32_code;     /* 487 */
};

extern const struct mm_status consts_statuses[];
extern const size_t consts_statuses_n;

/* Look-ups; NULL when unknown. Names are matched exactly (upper case). */
const struct mm_status *consts_status(const char *name);
const struct mm_status *consts_status_code(uint32_t ntstatus);
/* The Win32 error name for an NT status name ("STATUS_COMMITMENT_LIMIT" ->
 * "ERROR_COMMITMENT_LIMIT"); any other code (e.g. "syntax") unchanged. */
const char *consts_status_win32(const char *code);

#endif
