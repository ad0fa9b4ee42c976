/*
 * gen.h — what the problem generators share (inside core/learn/ only):
 * a machine to run commands on, the problem being written, and the
 * random numbers of the set.
 *
 * A generator is `int gen_TOPIC(struct gen *g)`: it boots a machine
 * (gen_boot), runs commands (gen_run, gen_do), writes the question
 * (gen_q), the choices and accepted answers (gen_choice, gen_answer) and
 * the worked solution (gen_s) from the commands' JSON-lines objects
 * (docs/output.md OUT-JSON), and sets the key that tells this problem
 * apart (gen_key). Every command line is kept for the TUI's replay
 * (learn.h): those run before the question is written set the machine up,
 * those after it are the question's step. It returns 0, or -1 with g->err filled. The machine is
 * freed by the caller after the generator returns.
 */
#ifndef MM_LEARN_GEN_H
#define MM_LEARN_GEN_H

#include <cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "learn.h"
#include "mm.h"
#include "session.h"

struct gen {
	struct session *s;
	struct learn_problem *p;
	uint64_t *rng;
	int lang;
	struct mm_err err;
	int step;               /* numbered lines of the solution */
	bool played;            /* gen_play named the question's commands */
};

/* English or German, chosen by g's language; both literals are checked
 * as printf formats. */
#define TR(g, en, de) ((g)->lang ? (de) : (en))

uint64_t gen_rng(uint64_t *state);                  /* the next number of a set's sequence */
uint64_t gen_rand(struct gen *g, uint64_t n);       /* 0 .. n-1 */
/* A machine: arch "x86", "pae" or "x64", ram such as "16M". -1 on failure. */
int gen_boot(struct gen *g, const char *arch, const char *ram);
/* The same for a configuration the generator filled in (arch, os, RAM). */
int gen_boot_config(struct gen *g, struct mm_config *cfg);
/* Runs one command line; returns its object (caller frees; NULL only when
 * out of memory, with err filled). */
cJSON *gen_run(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The command line(s) the TUI plays as the question's step, in place of
 * those the generator runs after writing the question (translation reads
 * the address, where the generator asks vtop). Not run here. */
void gen_play(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs a setup command that must succeed; -1 (err filled) when it fails. */
int gen_do(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gen_q(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gen_s(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A numbered line of the solution ("1. ..."). */
void gen_step(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gen_key(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *gen_word(const struct gen *g, const char *name); /* the German word of a machine name (gen.c) */
void gen_choice(struct gen *g, const char *c);
void gen_answer(struct gen *g, const char *a);

/* Reading results. */
const cJSON *gen_at(const cJSON *o, const char *path);   /* "result.levels" */
const char *gen_str(const cJSON *o, const char *path);   /* NULL when absent */
double gen_num(const cJSON *o, const char *path);        /* 0 when absent */
uint64_t gen_hex(const cJSON *o, const char *path);      /* a "0x..." string; 0 when absent */
/* The kind of the last fault of an access that is not a page-table fault,
 * or "none". Borrowed from o. */
const char *gen_fault_kind(const cJSON *o);
/* The frame transitions (pfn_state events) of an object into the solution:
 * of frame pfn only, or of every frame when pfn is UINT64_MAX. */
void gen_pfn_steps(struct gen *g, const cJSON *o, uint64_t pfn);
/* A failed command as an error of the generator; returns -1. */
int gen_failed(struct gen *g, const cJSON *o, const char *line);

/* The generators, one per topic (learn.c's table). */
int gen_translation(struct gen *g);
int gen_faults(struct gen *g);
int gen_protection(struct gen *g);
int gen_lists(struct gen *g);
int gen_workingset(struct gen *g);
int gen_commit(struct gen *g);
int gen_layout(struct gen *g);
int gen_sharing(struct gen *g);

#endif
