/* Streams the daemon's log as "log" events while the helper works. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MatouLogFollower MatouLogFollower;

MatouLogFollower *matou_log_follower_new_for_command (const char * const  *argv,
                                                      const char          *source,
                                                      GError             **error);
MatouLogFollower *matou_log_follower_new_for_file    (const char          *path,
                                                      const char          *source);
char             *matou_log_follower_dup_error_line  (MatouLogFollower    *self);
guint64           matou_log_follower_mark            (MatouLogFollower    *self);
gboolean          matou_log_follower_wait_for        (MatouLogFollower    *self,
                                                      guint64              since,
                                                      const char * const  *needles,
                                                      guint                timeout_ms,
                                                      char               **matched_line);
void              matou_log_follower_free            (MatouLogFollower    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouLogFollower, matou_log_follower_free)

G_END_DECLS
