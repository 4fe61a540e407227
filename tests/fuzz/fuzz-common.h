/* What every fuzz target shares: the libFuzzer entry points, a NUL-terminated copy of the input, a Debian 12 system's os-release, and a check that stops the run. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* The input as text: a copy with a NUL after it (the input may hold NULs too). */
char *fuzz_text (const uint8_t *data,
                 size_t         size);

/* Debian 12's os-release, for matou_install_system_set_os_release(). */
char *fuzz_debian_12 (const char *key,
                      gpointer    user_data);

/* A broken promise of the code under test: say which and abort, so that
 * libFuzzer (or the corpus run) records the input. Never compiled out. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      fuzz_fail (__FILE__, __LINE__, #cond); \
  } G_STMT_END

G_NORETURN void fuzz_fail (const char *file,
                           int         line,
                           const char *what);
