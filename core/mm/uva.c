/*
 * uva.c — user memory written through the simulated CPU (uva.h).
 *
 * One access per page touched: the access resolves the page (faults
 * included), then the bytes go into the frame it names. The write is
 * recorded as a write_bytes event, as the `write` command records its own.
 */
#include "uva.h"

#include "fault.h"
#include "hw/physmem.h"
#include "mmmsg.h"
#include "base/basemsg.h"

static int touch(struct mm *m, va_t va, bool kernel, uint64_t *pa, struct mm_err *err)
{
	struct access_result r;
	if (fault_access(m, va, ACC_WRITE, kernel, &r) < 0)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM);
	if (r.exception) { /* the reason differs by language too: both texts made here */
		char t[2][512];
		snprintf(t[0], sizeof t[0], MMM(0, UVA_RAISED), (unsigned long long)va, fault_status_name(r.exception),
			 r.why[0]);
		snprintf(t[1], sizeof t[1], MMM(1, UVA_RAISED), (unsigned long long)va, fault_status_name(r.exception),
			 r.why[1]);
		return mm_fail_texts(err, fault_status_name(r.exception), -1, t[0], t[1]);
	}
	*pa = r.pa;
	return 0;
}

static int put(struct mm *m, uint64_t pa, uint64_t value, int size, struct mm_err *err)
{
	if (physmem_write(m, (uint32_t)mm_page_number(pa), (uint32_t)mm_page_offset(pa), value, size) < 0)
		return mm_fail_tr(err, "STATUS_NO_MEMORY", -1, BM_OOM);
	return 0;
}

int uva_write(struct mm *m, va_t va, uint64_t value, int size, bool kernel, struct mm_err *err)
{
	uint64_t pa;
	int first = (int)MM_MIN((uint64_t)size, MM_PAGE_SIZE - mm_page_offset(va));
	if (touch(m, va, kernel, &pa, err) < 0 || put(m, pa, value, first, err) < 0)
		return -1;
	MM_EMIT(m, EV_WRITE_BYTES, pa, value, (uint64_t)size, 0);
	if (first == size)
		return 0;
	if (touch(m, va + (uint64_t)first, kernel, &pa, err) < 0)
		return -1;
	return put(m, pa, value >> (8 * first), size - first, err);
}

int uva_write_fields(struct mm *m, va_t base, const struct uva_field *f, size_t n, bool kernel, struct mm_err *err)
{
	uint64_t page = ~0ull, pa = 0;
	for (size_t i = 0; i < n; i++) {
		va_t va = base + f[i].off;
		if (mm_page_number(va) != page) {
			if (touch(m, va, kernel, &pa, err) < 0)
				return -1;
			page = mm_page_number(va);
		}
		uint64_t at = mm_page_base(pa) | mm_page_offset(va);
		if (put(m, at, f[i].value, f[i].size, err) < 0)
			return -1;
		MM_EMIT(m, EV_WRITE_BYTES, at, f[i].value, (uint64_t)f[i].size, 0);
	}
	return 0;
}

int uva_zero(struct mm *m, va_t va, uint64_t len, bool kernel, struct mm_err *err)
{
	while (len) {
		uint64_t pa, n = MM_MIN(len, MM_PAGE_SIZE - mm_page_offset(va));
		if (touch(m, va, kernel, &pa, err) < 0)
			return -1;
		for (uint64_t i = 0; i < n;) {
			int k = (int)MM_MIN(n - i, 8 - ((pa + i) & 7));
			if (put(m, pa + i, 0, k, err) < 0)
				return -1;
			i += (uint64_t)k;
		}
		MM_EMIT(m, EV_WRITE_BYTES, pa, 0, n, 0);
		va += n;
		len -= n;
	}
	return 0;
}
