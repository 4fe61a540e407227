/* What the GUI and matou-helper agree on: verbs, exit statuses, event types. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The helper reads one JSON request on standard input (at most
 * MATOU_APPLY_REQUEST_MAX_SIZE bytes) and answers with JSON Lines on
 * standard output, each object with a "type":
 *
 *   {"type": "step", "text": "..."}                  what it does now
 *   {"type": "log", "source": "dockerd", "text": "..."}  a line of output
 *   {"type": "result", "ok": true, ...}               the last line
 */

typedef enum {
  MATOU_HELPER_EXIT_OK              = 0,  /* done */
  MATOU_HELPER_EXIT_REFUSED         = 1,  /* request refused, nothing changed */
  MATOU_HELPER_EXIT_ROLLED_BACK     = 2,  /* applied, failed, rolled back */
  MATOU_HELPER_EXIT_ROLLBACK_FAILED = 3,  /* failed, and the rollback failed too */
  MATOU_HELPER_EXIT_ENVIRONMENT     = 4,  /* refused to run at all */
  MATOU_HELPER_EXIT_CANCELLED       = 5,  /* install: stopped on request between steps, consistent */
} MatouHelperExit;

/* pkexec's own statuses, which the helper never uses. */
#define MATOU_PKEXEC_EXIT_CANCELLED      126
#define MATOU_PKEXEC_EXIT_NOT_AUTHORISED 127

#define MATOU_HELPER_VERB_APPLY    "apply"
#define MATOU_HELPER_VERB_ROLLBACK "rollback"
#define MATOU_HELPER_VERB_STATUS   "status"
/* install reads its request up to the first newline and keeps reading:
 * a later line "stop" asks it to stop after the step it is running. */
#define MATOU_HELPER_VERB_INSTALL  "install"

G_END_DECLS
