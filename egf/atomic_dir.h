/*
 * atomic_dir.h: a directory written as a whole, as atomic_write writes a
 * file. The files go into a staging directory beside the target
 * (".BASE.tmp-PID-XXXXXX"), which commit then puts in place in one step:
 * onto nothing or an empty directory with rename(2), onto an earlier
 * directory by swapping the two with renameat2(RENAME_EXCHANGE) where the
 * system has it, else by moving the old one aside (".BASE.old-PID-XXXXXX")
 * first. Readers see the old directory or the new one, never half of each;
 * a failure at any step leaves the old one as it was. The temporaries carry
 * the writer's process id, so that a later run for the same target removes
 * those of a run that was killed (SIGKILL leaves them) and no others.
 * Used by `egf site` and by the ladder importers (import-csv, import ft,
 * import monzo).
 */
#ifndef EGF_ATOMIC_DIR_H
#define EGF_ATOMIC_DIR_H

#include <stddef.h>

struct atomic_dir;

/*
 * Whether path is an existing directory with something in it: 1, 0 when
 * it is missing or empty, -1 with errno when it cannot be read or is not a
 * directory (ENOTDIR; ELOOP for a symbolic link, which a rename would
 * replace instead of what it points to).
 */
int atomic_dir_state(const char *path);

/*
 * Starts a directory for path: removes the stale temporaries of killed runs
 * and makes the staging directory (readable as the umask allows). Returns
 * NULL with errno set. The caller ends it with atomic_dir_commit or
 * atomic_dir_abort.
 */
struct atomic_dir *atomic_dir_open(const char *path);

/* The staging directory's path; borrowed, valid until commit or abort. */
const char *atomic_dir_stage(const struct atomic_dir *d);

/*
 * Writes len bytes of data as rel below the staging directory, making the
 * directories rel names. Returns 0, or -1 with errno set.
 */
int atomic_dir_add(struct atomic_dir *d, const char *rel, const void *data, size_t len);

/*
 * Says whether an existing directory that is not empty may be replaced:
 * 1 or 0. Asked of the target before it is replaced and, after an
 * exchange, of what was swapped out (a directory that took its place
 * meanwhile is put back).
 */
typedef int (*atomic_dir_replaceable)(const char *path);

/*
 * Puts the staging directory at the target. A directory that is not empty
 * is replaced only when replaceable says so (NULL: never; ENOTEMPTY), and
 * removed afterwards. Returns 0, or -1 with errno set and the target as it
 * was. Frees d whatever the result; the stage is gone either way.
 */
int atomic_dir_commit(struct atomic_dir *d, atomic_dir_replaceable replaceable);

/* Removes the staging directory and frees d (NULL is accepted). */
void atomic_dir_abort(struct atomic_dir *d);

#endif
