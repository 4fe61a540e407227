/* Follows the Docker daemon's log as the user, into a log model: its journal, or the file it writes where there is no systemd. */
#pragma once

#include <gio/gio.h>

#include "matou-log-model.h"

G_BEGIN_DECLS

/* Properties: "running" (boolean), "problem" (string, nullable: why the
 * daemon's lines cannot be shown, and how to see them), "source" (string:
 * which log it shows, in words), "can-elevate" (boolean: the log file is
 * there but this user may not read it), "lines" (MatouLogModel). All read-only; notify tells when they change. */
#define MATOU_TYPE_JOURNAL_FOLLOWER (matou_journal_follower_get_type ())
G_DECLARE_FINAL_TYPE (MatouJournalFollower, matou_journal_follower, MATOU, JOURNAL_FOLLOWER, GObject)

MatouJournalFollower *matou_journal_follower_new         (void);
MatouJournalFollower *matou_journal_follower_new_for_source (const char        *file);
void                  matou_journal_follower_start       (MatouJournalFollower *self);
void                  matou_journal_follower_start_as_administrator (MatouJournalFollower *self);
void                  matou_journal_follower_stop        (MatouJournalFollower *self);
gboolean              matou_journal_follower_get_can_elevate (MatouJournalFollower *self);
gboolean              matou_journal_follower_get_running (MatouJournalFollower *self);
const char           *matou_journal_follower_get_problem (MatouJournalFollower *self);
const char           *matou_journal_follower_get_source  (MatouJournalFollower *self);
MatouLogModel        *matou_journal_follower_get_lines   (MatouJournalFollower *self);
void                  matou_journal_follower_set_rootless (MatouJournalFollower *self,
                                                           gboolean              rootless);

G_END_DECLS
