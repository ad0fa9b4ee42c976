/*
 * process.h — processes and their address spaces: the System process made
 * at boot, `process create --bare`, switching (CR3 load), and exit.
 */
#ifndef MM_PROCESS_H
#define MM_PROCESS_H

#include "base/machine.h"

int process_boot_system(struct mm *m, struct mm_err *err);
/* A new process with an empty user address space; becomes current. */
struct proc *process_create(struct mm *m, const char *name, struct mm_err *err);
/* CR3 switch: the TLB loses every non-global entry. */
void process_use(struct mm *m, struct proc *p);
/* Tears the address space down; every frame, page-table page, commit charge
 * and page-file slot returns. Fails for the System process. */
int process_exit(struct mm *m, struct proc *p, struct mm_err *err);

/* By pid, or by name (case-insensitive; the newest live one). NULL: none. */
struct proc *process_find(struct mm *m, const char *pid_or_name);
struct proc *process_by_pid(struct mm *m, uint32_t pid);

/* The process's token gets privileges (PRIV_*): `process create
 * --lock-memory` grants SeLockMemoryPrivilege. */
void process_grant(struct mm *m, struct proc *p, uint32_t privileges);

/* The fixed per-process commit charge (MM_PROCESS_COMMIT_CHARGE). */
uint64_t process_fixed_charge(const struct mm *m);

#endif
