/*
 * scenario_limits.h — the limits of the scenario format, in a header of
 * their own: the loader checks files against them, and `save` (in the
 * command language, below the scenario layer) writes only what they allow.
 */
#ifndef MM_SCENARIO_LIMITS_H
#define MM_SCENARIO_LIMITS_H

/* Limits that keep a hostile file harmless (docs/scenarios.md SCN-SAFETY). */
#define SCN_MAX_FILE (16u << 20)        /* bytes in a scenario file */
#define SCN_MAX_STEPS 100000
#define SCN_MAX_NARRATION (1u << 20)    /* bytes of title+summary+say+ask text, all languages */
#define SCN_MAX_RUN 64                  /* commands in one step */
#define SCN_MAX_CMD 4096                /* bytes in one command */
#define SCN_MAX_IMAGES 64
#define SCN_MAX_SECTIONS 16             /* per image */
#define SCN_MAX_TAGS 32
#define SCN_MAX_ANSWERS 16
#define SCN_MAX_CHOICES 8       /* choices of a multiple-choice ask */
#define SCN_MAX_NAME 64                 /* id, tag, image and section names */

/* The `course` block (docs/scenarios.md SCN-COURSE). */
#define SCN_COURSE_MAX_ORDER 999        /* places on the course path */
#define SCN_COURSE_MAX_MINUTES 240      /* minutes in class: a whole morning at most */
#define SCN_COURSE_MAX_REQUIRES 16      /* scenarios that come before */

#endif
